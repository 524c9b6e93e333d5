import { unsupportedActionClaims } from './action-claims.ts';
import { findUngroundedFacts } from './grounding.ts';
import type { LlmMemory } from './llm-memory.ts';
import { createPersonalDataCheck, findPersonalItems, type PersonalItem } from './personal-data.ts';
import { createPolicyCheck, mentionsPolicyTopic, type PolicyViolation } from './policy-claims.ts';
import { createEchoCheck } from './prompt-echo.ts';
import { explicitDates, findStatusClaims, statusValues, ungroundedDates, unsupportedStatusClaims } from './status-claims.ts';

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

/**
 * Collects the evidence from the agent's memory (tool messages and customer messages) and the turn. The costly parts
 * (parsing tool results, joining and folding texts) are computed on first use: most replies state no status, date,
 * policy or personal data, and then they are never needed.
 */
export function gatherEvidence(memory: LlmMemory, input: { grounded: ReadonlySet<string>; writes: string[]; policy: string; systemPrompt: string; now: string }): ReplyEvidence {
  const toolTexts: string[] = [];
  const customerTexts: string[] = [];
  for (const message of memory.messages) {
    if (message.role === 'user') customerTexts.push(message.content);
    if (message.role === 'tool') toolTexts.push(message.content);
  }
  const policy = input.policy.trim();
  const once = <T>(compute: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= compute());
  };
  const statuses = once(() => {
    const found = new Set<string>();
    for (const text of toolTexts) {
      try {
        statusValues(JSON.parse(text), found);
      } catch {
        // not JSON: no statuses
      }
    }
    return found;
  });
  const dates = once(() => new Set([...toolTexts, ...customerTexts].flatMap((text) => explicitDates(text))));
  const sources = once(() => [policy, ...toolTexts].join('\n'));
  const personal = once(() => [policy, ...toolTexts, ...customerTexts].join('\n'));
  return {
    grounded: input.grounded, writes: input.writes, now: input.now,
    get statuses() { return statuses(); },
    get dates() { return dates(); },
    get sources() { return sources(); },
    get personal() { return personal(); },
    systemPrompt: { engine: input.systemPrompt.replace(policy, ''), policy },
  };
}

/**
 * A checker for one model step: `check(text)` lists what is wrong with a sentence or a whole reply (empty: show it).
 * The echo check is cumulative, so pass the whole text so far as `soFar` when checking a streamed piece.
 */
export function createReplyChecker(evidence: ReplyEvidence): (text: string, soFar?: string) => ReplyViolation[] {
  const echo = createEchoCheck(evidence.systemPrompt);
  let policyClaims: ((text: string) => PolicyViolation[]) | null = null;
  let personalData: ((text: string) => PersonalItem[]) | null = null;
  return (text, soFar = text) => {
    const violations: ReplyViolation[] = [];
    const add = (rule: ReplyRule, found: unknown[]) => {
      if (found.length) violations.push({ rule, found });
    };
    add('ungrounded_facts', findUngroundedFacts(text, evidence.grounded));
    add('unsupported_action_claim', unsupportedActionClaims(text, evidence.writes));
    if (findStatusClaims(text).length) add('ungrounded_status', unsupportedStatusClaims(text, evidence.statuses));
    add('ungrounded_date', ungroundedDates(text, { has: (key) => evidence.dates.has(key) }, evidence.now));
    if (mentionsPolicyTopic(text)) add('ungrounded_policy', (policyClaims ??= createPolicyCheck(evidence.sources))(text));
    const echoed = echo(soFar);
    add('system_prompt_echo', echoed ? [echoed] : []);
    if (findPersonalItems(text).length) add('foreign_personal_data', (personalData ??= createPersonalDataCheck(evidence.personal))(text));
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
