import type { Logger } from 'pino';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator, type AnalyticsAggregator, type AnalyticsAggregatorConfig } from './analytics-aggregator.ts';
import { createAnalyticsQueries, type AnalyticsQueries } from './analytics-queries.ts';

/** Analytics (issue 10): the incremental aggregator (write side) and the dashboard queries (read side) over one SQL client. */
export interface Analytics {
  aggregator: AnalyticsAggregator;
  queries: AnalyticsQueries;
}

// The routes find analytics on the service context, like proactive care; declared here so the context file stays as it is.
declare module '../http/service-context.ts' {
  interface ServiceContext {
    /** Analytics (issue 10). Absent when the server runs on a Store without its SQL client (some tests). */
    analytics?: Analytics;
  }
}

/** Assembles the aggregator and queries; the composition root calls `aggregator.start()` / `stop()`. */
export function createAnalytics(config: Partial<AnalyticsAggregatorConfig>, deps: { sql: SqlClient; logger?: Logger; now?: () => Date }): Analytics {
  return { aggregator: createAnalyticsAggregator(config, deps), queries: createAnalyticsQueries({ sql: deps.sql }) };
}
