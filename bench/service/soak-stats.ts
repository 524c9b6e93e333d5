/** What the server's probe (soak-probe.mjs) reports: memory after a full GC, event-loop delay since the last sample, open handles. */
export interface ServerSample {
  rss: number;
  heapUsed: number;
  external: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  handles: Record<string, number>;
}

/** The p-th percentile of `values` (nearest rank; NaN when empty). Sorts a copy. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Counters of a soak run (bench/service/soak.ts), with one row per minute: messages sent and acked in that minute,
 * ack latency percentiles of that minute, and the server's sample.
 */
export function createSoakStats() {
  let minuteLatencies: number[] = [];
  let minuteSent = 0;
  let minuteErrors = 0;
  const stats = {
    sent: 0,
    acked: 0,
    retries: 0,
    agentActions: 0,
    agentFrames: 0,
    errors: 0,
    serverLogLines: 0,
    errorKinds: {} as Record<string, number>,
    allLatencies: [] as number[],
    ack(latencyMs: number) {
      stats.acked++;
      stats.allLatencies.push(latencyMs);
      minuteLatencies.push(latencyMs);
    },
    error(kind: string) {
      stats.errors++;
      minuteErrors++;
      stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
    },
    /** Closes the current minute: its row, then the minute counters start again. */
    minute(index: number, sample: ServerSample): Record<string, unknown> {
      const row = {
        minute: index, sent: stats.sent - minuteSent, acked: minuteLatencies.length, totalAcked: stats.acked,
        ackP50Ms: Number(percentile(minuteLatencies, 50).toFixed(1)), ackP99Ms: Number(percentile(minuteLatencies, 99).toFixed(1)),
        rssMB: Math.round(sample.rss / 2 ** 20), heapMB: Number((sample.heapUsed / 2 ** 20).toFixed(1)),
        lagP99Ms: Number(sample.lagP99.toFixed(1)), lagMaxMs: Number(sample.lagMax.toFixed(1)),
        handles: Object.values(sample.handles).reduce((sum, count) => sum + count, 0), errors: minuteErrors,
      };
      minuteSent = stats.sent;
      minuteLatencies = [];
      minuteErrors = 0;
      return row;
    },
  };
  return stats;
}
