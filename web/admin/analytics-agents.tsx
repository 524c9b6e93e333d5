import { Button, Panel } from '../shared/components/ui.tsx';
import type { Strings } from '../shared/locales/strings.ts';

/** One agent's row of the dashboard (server: analytics-queries.ts `agents`). */
export interface AgentPerformance {
  assigneeId: string; name: string | null; handled: number; resolved: number; resolutionRate: number | null;
  firstResponseP50: number | null; csatCount: number; csatAverage: number | null;
}
interface Selection { metric: string; value?: string; label: string }

/**
 * Agent performance: handled, resolved by the agent's close outcome, median first response and CSAT of the ratings
 * naming the agent. Each count opens the conversations behind it (same count), like every other number.
 */
export function AgentTable({ agents, t, open, seconds, percent }: {
  agents: AgentPerformance[]; t: Strings; open: (selection: Selection) => void; seconds: (value: number | null) => string; percent: (value: number | null) => string;
}) {
  if (agents.length === 0) return null;
  const link = (value: string, selection: Selection) => <Button variant="ghost" onClick={() => open(selection)}>{value}</Button>;
  return (
    <Panel title={t.analyticsAgents}>
      <table className="table analytics-table" data-testid="analytics-agents"><thead><tr>
        <th>{t.agentLabel}</th><th>{t.analyticsHandled}</th><th>{t.resolutionResolved}</th><th>{t.analyticsHumanFirstResponse}</th><th>{t.analyticsCsat}</th>
      </tr></thead><tbody>
        {agents.map((agent) => {
          const name = agent.name ?? agent.assigneeId;
          return (
            <tr key={agent.assigneeId} data-agent-id={agent.assigneeId}>
              <td>{name}</td>
              <td>{link(String(agent.handled), { metric: 'agent', value: agent.assigneeId, label: `${name} · ${t.analyticsHandled}` })}</td>
              <td>{agent.resolved} ({percent(agent.resolutionRate)})</td>
              <td>p50 {seconds(agent.firstResponseP50)}</td>
              <td>{agent.csatCount ? link(`${agent.csatAverage?.toFixed(2) ?? '–'} · n = ${agent.csatCount}`, { metric: 'agent_csat', value: agent.assigneeId, label: `${name} · ${t.analyticsCsat}` }) : '–'}</td>
            </tr>
          );
        })}
      </tbody></table>
    </Panel>
  );
}
