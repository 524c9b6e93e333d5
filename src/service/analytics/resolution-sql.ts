import { WEAK_ANSWER_COVERAGE } from '../conversation/reply-messages.ts';

/**
 * The definition of a conversation's resolution (issue 28, docs/analytics.md), as SQL over a `conversation_facts`
 * row. One ordered list of rules gives both the stored kind (written by the aggregator and its sweep) and the evidence
 * the drill-down, CSV and export show, so a number and the reason behind each of its conversations cannot drift.
 *
 * A conversation counts as resolved only with evidence: the customer confirmed (thanks/bye as their last message), an
 * agent closed it as resolved, or the bot's last outcome was a completed task or a knowledge answer, with no flow left
 * waiting, no open complaint, and the customer silent for N hours (`assumed`). Fallbacks, failed tools, cancelled or
 * abandoned flows, open complaints and agent outcomes other than "resolved" are `unresolved`.
 */

type Column = (name: string) => string;
const plain: Column = (name) => name;

/** Bot outcomes that are evidence of an answer (see `lastOutcomeSql`). */
const ANSWERED = `('task_completed', 'knowledge_answered')`;

/** The agent's verdict applies while the customer has not written after the close. */
const verdictStands = (c: Column) => `${c('close_resolution')} IS NOT NULL AND ${c('closed_at')} >= ${c('last_customer_at')}`;

interface Rule { kind: string; evidence: string; when: (c: Column, cutoff: string) => string }

/** The rules in order; the first that holds decides. `evidence` is SQL (a literal or an expression). */
const rules: Rule[] = [
  {
    kind: 'handed_off',
    // A person took part; the evidence is the agent's close outcome, `agent_pending` while not closed after the last message.
    evidence: `CASE WHEN #close_resolution IS NOT NULL AND #closed_at >= #handed_off_at AND #closed_at >= COALESCE(#last_customer_at, #closed_at) THEN 'agent_' || #close_resolution ELSE 'agent_pending' END`,
    when: (c) => `${c('handed_off_at')} IS NOT NULL`,
  },
  { kind: 'no_contact', evidence: `'no_customer_message'`, when: (c) => `${c('first_customer_at')} IS NULL` },
  { kind: 'unresolved', evidence: `'agent_' || #close_resolution`, when: (c) => `${verdictStands(c)} AND ${c('close_resolution')} <> 'resolved'` },
  { kind: 'unresolved', evidence: `'open_complaint'`, when: (c) => c('complaint') },
  { kind: 'confirmed', evidence: `'customer_confirmed'`, when: (c) => `${c('confirmed_at')} IS NOT NULL AND ${c('confirmed_at')} >= ${c('last_customer_at')}` },
  { kind: 'assumed', evidence: `'agent_resolved'`, when: (c, cutoff) => `${verdictStands(c)} AND ${c('last_customer_at')} <= ${cutoff}` },
  { kind: 'unresolved', evidence: `'flow_pending'`, when: (c, cutoff) => `${c('last_flow_event')} = 'flow.started' AND ${c('last_customer_at')} <= ${cutoff}` },
  { kind: 'assumed', evidence: '#last_outcome', when: (c, cutoff) => `${c('last_outcome')} IN ${ANSWERED} AND ${c('last_customer_at')} <= ${cutoff}` },
  { kind: 'open', evidence: `COALESCE(#last_outcome, 'no_answer')`, when: (c, cutoff) => `${c('last_customer_at')} > ${cutoff}` },
  { kind: 'unresolved', evidence: `COALESCE(#last_outcome, 'no_answer')`, when: () => 'TRUE' },
];

const columnsIn = (evidence: string, c: Column) => evidence.replace(/#([a-z_]+)/g, (_, name: string) => c(name));

/** The resolution kind as of `cutoff` (= now − N hours), for the aggregator's upsert and sweep. */
export function resolutionKindSql(cutoff: string, column: Column = plain): string {
  return `CASE ${rules.map((rule) => `WHEN ${rule.when(column, cutoff)} THEN '${rule.kind}'`).join(' ')} END`;
}

/**
 * The evidence behind a stored kind (read side). Rules are matched on the stored `resolution_kind`, so the evidence
 * is the one that decided it at fold or sweep time, whatever the clock says now.
 */
export function resolutionEvidenceSql(column: Column = plain): string {
  return `CASE ${rules.map((rule) => `WHEN ${column('resolution_kind')} = '${rule.kind}' AND ${rule.when(column, `${column('last_customer_at')}`)} THEN ${columnsIn(rule.evidence, column)}`)
    .join(' ')} ELSE ${columnsIn(rules[rules.length - 1].evidence, column)} END`;
}

/** An agent's outcome of a handed-off conversation: the close resolution, or `pending` while not closed after the last message. */
export const agentOutcomeSql = `CASE WHEN handed_off_at IS NULL THEN NULL
  WHEN close_resolution IS NOT NULL AND closed_at >= handed_off_at AND closed_at >= COALESCE(last_customer_at, closed_at) THEN close_resolution
  ELSE 'pending' END`;

/**
 * The bot's outcome of one event, for the `last_outcome` column (the last non-null one of a conversation wins). A
 * later fallback replaces an earlier answer; a later answer replaces an earlier fallback.
 */
export const lastOutcomeSql = `CASE
  WHEN f.type = 'flow.completed' THEN 'task_completed'
  WHEN f.type = 'tool.called' AND f.data->'ok' = 'true'::jsonb THEN 'task_completed'
  WHEN f.type = 'tool.called' THEN 'tool_failed'
  WHEN f.type = 'flow.cancelled' THEN 'flow_cancelled'
  WHEN f.type = 'knowledge.used' AND jsonb_typeof(f.data->'coverage') = 'number' AND (f.data->>'coverage')::float8 < ${WEAK_ANSWER_COVERAGE} THEN 'weak_answer'
  WHEN f.type = 'knowledge.used' THEN 'knowledge_answered'
  WHEN f.type = 'fallback.triggered' THEN 'fallback'
  WHEN f.type = 'clarification.requested' THEN 'clarification'
  END`;
