import type { Locale, Tone } from '../types.ts';
import type { Entity } from '../nlu/types.ts';
import type { PackDefinition, ReplyExtras, SkillContext } from '../pack.ts';
import type { Clock, IdGenerator } from '../ports.ts';
import { renderTemplate } from '../responses/render-template.ts';
import { runTool, type ToolDefinition, type ToolOutcome } from '../tools/define-tool.ts';
import { isAffirmative, isNegative } from './confirmation.ts';
import { IdentityChallenge } from './identity-gate.ts';
import type { ConversationState, EngineEvent, HandoffReason, Reply, SlotName, ToolCallRecord, Understanding } from './types.ts';

/** Slot key under which a flow keeps its last question. */
export const PROMPT_SLOT = '__prompt';
/** Slot keys under which a flow keeps what the customer said since it started. */
export const TEXTS_SLOT = '__texts';
export const ENTITIES_SLOT = '__entities';
/** Set on a flow started as a side question while another task waits (that task resumes when it ends). */
export const DIGRESSION_SLOT = '__digression';
/**
 * Set on a flow the engine restarted because the customer corrected the request just handled ("不对，是另一单", "sorry,
 * I meant the one with the coffee maker"): what that request named (an order, a record) is what is being taken back.
 */
export const CORRECTS_SLOT = '__corrects';

/** Appends this turn's text and entities to the flow's memory (bounded). */
export function rememberTurn(flow: NonNullable<ConversationState['flow']>, understanding: Understanding): void {
  flow.slots[TEXTS_SLOT] = [...((flow.slots[TEXTS_SLOT] as string[] | undefined) ?? []), understanding.text].slice(-12);
  flow.slots[ENTITIES_SLOT] = [...((flow.slots[ENTITIES_SLOT] as Entity[] | undefined) ?? []), ...understanding.entities.map(({ type, value, meta }) => ({ type, value, meta, text: '', start: 0, end: 0 }))].slice(-60);
}

export interface TurnRecorder {
  replies: Reply[];
  events: EngineEvent[];
  toolCalls: ToolCallRecord[];
  handoff: { reason: HandoffReason; summary: string } | null;
  queue: Array<{ skill: string; text: string }>;
  /** What this turn offered to do when its quick replies do not show it (the fallback's "say 'talk to a person'"). */
  offer?: string;
}

export function createRecorder(): TurnRecorder {
  return { replies: [], events: [], toolCalls: [], handoff: null, queue: [] };
}

export interface TurnEnvironment<Data> {
  pack: PackDefinition<Data>;
  data: Data;
  clock: Clock;
  ids: IdGenerator;
  state: ConversationState;
  understanding: Understanding;
  tone: Tone;
  recorder: TurnRecorder;
  /** The tenant requires verified identity: `setCustomer` challenges instead of binding (identity-gate.ts). */
  requireVerifiedIdentity?: boolean;
  /** Reads entities from a piece of text the way this turn's message was read (used by `focus`). */
  extract?: (text: string) => Entity[];
}

/** Builds a reply object with the turn's locale, tone and understanding. */
export function makeReply(env: { state: ConversationState; tone: Tone; understanding: Understanding }, text: string, extras: ReplyExtras & { awaiting?: SlotName | null } = {}): Reply {
  return {
    text,
    locale: env.state.locale,
    tone: env.tone,
    quickReplies: extras.quickReplies ?? [],
    cards: extras.cards ?? [],
    awaiting: extras.awaiting ?? null,
    intent: env.understanding.intent,
    confidence: env.understanding.status === 'unknown' ? null : round(env.understanding.confidence),
    sources: extras.sources ?? [],
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The {@link SkillContext} a skill runs with for one turn, bound to the conversation's active flow. */
export function createSkillContext<Data>(env: TurnEnvironment<Data>, flow: NonNullable<ConversationState['flow']>, started: boolean): SkillContext<Data> {
  const { pack, state, recorder } = env;
  const locale: Locale = state.locale;
  const render = (key: string, vars?: Record<string, unknown>) => renderTemplate(pack.templates, locale, env.tone, key, vars);
  const awaiting = started ? null : (flow.step as SlotName | null);
  return {
    turn: env.understanding,
    locale,
    state,
    slots: flow.slots,
    memory: state.memory,
    data: env.data,
    started,
    awaiting,
    entities: (type: Entity['type']) => env.understanding.entities.filter((e) => e.type === type),
    flowEntities: (type: Entity['type']) => ((flow.slots[ENTITIES_SLOT] as Entity[] | undefined) ?? []).filter((e) => e.type === type),
    flowTexts: () => (flow.slots[TEXTS_SLOT] as string[] | undefined) ?? [env.understanding.text],
    async call<Output>(name: string, args: Record<string, unknown>): Promise<ToolOutcome<Output>> {
      const tool = pack.tools[name] as ToolDefinition<unknown, Output, Data> | undefined;
      if (!tool) throw new Error(`pack ${pack.name} has no tool ${name}`);
      // One enforcement for every skill: data changes only on the customer's complete yes to the recap this flow just
      // asked about (confirmation.ts), however a skill is written.
      if (tool.write && tool.needsApproval !== false && !(awaiting === 'confirmation' && isAffirmative(env.understanding.text))) {
        const record: ToolCallRecord = { name, arguments: args, ok: false, error: 'unconfirmed: a write tool runs only on the customer\'s yes to the recap just shown' };
        recorder.toolCalls.push(record);
        recorder.events.push({ type: 'guardrail.triggered', at: env.clock.now(), data: { rule: 'confirmation', tool: name, outcome: 'refused' } });
        return { ok: false, error: record.error, record };
      }
      const outcome = await runTool(tool, args, {
        data: env.data, clock: env.clock, ids: env.ids, locale,
        actor: { kind: 'customer', customerId: state.customerId },
      });
      recorder.toolCalls.push(outcome.record);
      recorder.events.push({ type: 'tool.called', at: env.clock.now(), data: { ...outcome.record, write: tool.write } });
      return outcome;
    },
    say(key, vars, extras) {
      recorder.replies.push(makeReply(env, render(key, vars), extras));
    },
    ask(slot, key, vars, extras) {
      flow.step = slot;
      const reply = makeReply(env, render(key, vars), { ...extras, awaiting: slot });
      // Remembered so the question can be asked again after a digression.
      flow.slots[PROMPT_SLOT] = { text: reply.text, awaiting: slot, quickReplies: reply.quickReplies, ...(extras?.each ? { each: true } : {}) };
      recorder.replies.push(reply);
    },
    text: render,
    isAffirm: () => isAffirmative(env.understanding.text),
    isDeny: () => isNegative(env.understanding.text),
    setCustomer(customerId) {
      // One enforcement for every pack's identification: what the customer typed does not bind them on its own.
      if (env.requireVerifiedIdentity && state.customerId !== customerId) throw new IdentityChallenge(customerId);
      state.customerId = customerId;
    },
    customerId: () => state.customerId,
    handoff(reason, summary) {
      recorder.handoff = { reason, summary };
    },
    enqueue(skill, text) {
      recorder.queue.push({ skill, text });
    },
    focus(text) {
      flow.slots[TEXTS_SLOT] = [text];
      flow.slots[ENTITIES_SLOT] = (env.extract?.(text) ?? []).map(({ type, value, meta }) => ({ type, value, meta, text: '', start: 0, end: 0 }));
    },
    now: () => env.clock.now(),
  };
}
