import { unsupportedActionClaims } from './action-claims.ts';
import { findUngroundedFacts } from './grounding.ts';
import type { LlmMemory } from './llm-memory.ts';
import { createPersonalDataCheck } from './personal-data.ts';
import { createPolicyCheck } from './policy-claims.ts';
import { createEchoCheck } from './prompt-echo.ts';
import { explicitDates, statusValues, ungroundedDates, unsupportedStatusClaims } from './status-claims.ts';

/**
 * Every check a model's reply passes before a customer sees any of it (issue 22 items 3): figures, claims of actions,
 * statuses, dates, policy statements, system-prompt echo, other people's personal data. Each is enforced here, in
 * code, whatever the prompt says; the agent runs them on every streamed sentence and on the final text.
 */
export type ReplyRule =
  | 'ungrounded_facts' | 'unsupported_action_claim' | 'ungrounded_status' | 'ungrounded_date'
  | 'ungrounded_policy' | 'system_prompt_echo' | 'foreign_personal_data';

export interface ReplyViolation {
  rule: ReplyRule;
  found: unknown[];
}

/** What a reply may rest on, gathered once per model step. */
export interface ReplyEvidence {
  /** Normalised figures and ids of tool results, tool arguments, the customer's messages and the policy. */
  grounded: ReadonlySet<string>;
  /** Write tools that succeeded in this turn. */
  writes: string[];
  /** Status values of tool results. */
  statuses: ReadonlySet<string>;
  /** Month-day keys of the dates in tool results and customer messages. */
  dates: ReadonlySet<string>;
  /** Policy, knowledge articles and tool results (for policy statements). */
  sources: string;
  /** Tool results, customer messages and policy (for personal data). */
  personal: string;
  now: string;
  /** The system message this step, split into the engine's part and the policy. */
  systemPrompt: { engine: string; policy: string };
}

/** Collects the evidence from the agent's memory (tool messages and customer messages) and the turn. */
export function gatherEvidence(memory: LlmMemory, input: { grounded: ReadonlySet<string>; writes: string[]; policy: string; systemPrompt: string; now: string }): ReplyEvidence {
  const toolTexts: string[] = [];
  const customerTexts: string[] = [];
  const statuses = new Set<string>();
  for (const message of memory.messages) {
    if (message.role === 'user') customerTexts.push(message.content);
    if (message.role !== 'tool') continue;
    toolTexts.push(message.content);
    try {
      statusValues(JSON.parse(message.content), statuses);
    } catch {
      // not JSON: no statuses
    }
  }
  const dates = new Set([...toolTexts, ...customerTexts].flatMap((text) => explicitDates(text)));
  const policy = input.policy.trim();
  return {
    grounded: input.grounded, writes: input.writes, statuses, dates, now: input.now,
    sources: [policy, ...toolTexts].join('\n'),
    personal: [policy, ...toolTexts, ...customerTexts].join('\n'),
    systemPrompt: { engine: input.systemPrompt.replace(policy, ''), policy },
  };
}

/**
 * A checker for one model step: `check(text)` lists what is wrong with a sentence or a whole reply (empty: show it).
 * The echo check is cumulative, so pass the whole text so far as `soFar` when checking a streamed piece.
 */
export function createReplyChecker(evidence: ReplyEvidence): (text: string, soFar?: string) => ReplyViolation[] {
  const echo = createEchoCheck(evidence.systemPrompt);
  const policyClaims = createPolicyCheck(evidence.sources);
  const personalData = createPersonalDataCheck(evidence.personal);
  return (text, soFar = text) => {
    const violations: ReplyViolation[] = [];
    const add = (rule: ReplyRule, found: unknown[]) => {
      if (found.length) violations.push({ rule, found });
    };
    add('ungrounded_facts', findUngroundedFacts(text, evidence.grounded));
    add('unsupported_action_claim', unsupportedActionClaims(text, evidence.writes));
    add('ungrounded_status', unsupportedStatusClaims(text, evidence.statuses));
    add('ungrounded_date', ungroundedDates(text, evidence.dates, evidence.now));
    add('ungrounded_policy', policyClaims(text));
    const echoed = echo(soFar);
    add('system_prompt_echo', echoed ? [echoed] : []);
    add('foreign_personal_data', personalData(text));
    return violations;
  };
}

/** The agent text that replaces a withheld reply: the most serious rule decides. */
export function replacementKey(violations: ReplyViolation[]): string {
  const rules = new Set(violations.map((violation) => violation.rule));
  if (rules.has('system_prompt_echo') || rules.has('foreign_personal_data')) return 'llm.withheld';
  if (rules.has('unsupported_action_claim')) return 'llm.not_done';
  if (rules.has('ungrounded_policy')) return 'llm.policy_unverified';
  return 'llm.unverified';
}
