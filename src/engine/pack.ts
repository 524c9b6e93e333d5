import type { Locale, Localized, Tone } from './types.ts';
import type { CatalogTerms, Entity } from './nlu/types.ts';
import type { KnowledgeDoc } from './knowledge/types.ts';
import type { ToolDefinition, ToolOutcome } from './tools/define-tool.ts';
import type { Card, ConversationState, QuickReply, SlotName, Source, Understanding } from './dialogue/types.ts';

/** A template: one string for every tone, or a variant per tone (missing tones fall back to `neutral`). */
export type Template = string | Partial<Record<Tone, string>> & { neutral: string };
export type TemplateSet = Localized<Record<string, Template>>;

export interface ReplyExtras {
  quickReplies?: QuickReply[];
  cards?: Card[];
  sources?: Source[];
  /**
   * The quick replies are records the customer may take all of ("which course?" → "两门都退", "both"): the engine then
   * does the task for each, one after the other (dialogue/each-choice.ts). Only for a choice among the customer's records.
   */
  each?: boolean;
}

/**
 * What a skill sees during one turn. Skills are small state machines over `slots`;
 * every effect (a reply, a tool call) goes through this object so the engine can record it.
 */
export interface SkillContext<Data = unknown> {
  readonly turn: Understanding;
  readonly locale: Locale;
  readonly state: ConversationState;
  /** Slots of the running skill, persisted between turns. */
  readonly slots: Record<string, unknown>;
  /** Conversation-wide memory (authenticated customer, last order …), persisted between turns. */
  readonly memory: Record<string, unknown>;
  readonly data: Data;
  /** True on the turn that started the skill. */
  readonly started: boolean;
  /** The slot the previous reply asked for, if it was asked by this skill. */
  readonly awaiting: SlotName | null;
  /** Entities of this turn of a given type. */
  entities(type: Entity['type']): Entity[];
  /** Entities of a type from every customer message since this skill started, oldest first. */
  flowEntities(type: Entity['type']): Entity[];
  /** Every customer message since this skill started (this one last). */
  flowTexts(): string[];
  /** Runs a pack tool (validated, authorised, recorded). */
  call<Output = unknown>(name: string, args: Record<string, unknown>): Promise<ToolOutcome<Output>>;
  say(key: string, vars?: Record<string, unknown>, extras?: ReplyExtras): void;
  ask(slot: SlotName, key: string, vars?: Record<string, unknown>, extras?: ReplyExtras): void;
  /** Renders a template without sending it. */
  text(key: string, vars?: Record<string, unknown>): string;
  isAffirm(): boolean;
  isDeny(): boolean;
  setCustomer(customerId: string): void;
  customerId(): string | null;
  /** Asks the engine to hand the conversation to a person after this turn. */
  handoff(reason: 'customer_request' | 'repeated_failure' | 'out_of_scope' | 'negative_sentiment' | 'policy', summary: string): void;
  /** Queues another skill to run right after this one finishes (with the text that asked for it). */
  enqueue(skill: string, text: string): void;
  /**
   * Narrows what this flow remembers the customer said to `text` — the part of the request about this task — after
   * handing the rest to other tasks with `enqueue` ("咖啡机换黑色；充电宝换两万毫安的": one exchange per order).
   */
  focus(text: string): void;
  /** Current time (ISO) from the injected clock. */
  now(): string;
}

/** `waiting`: asked something, keep the skill active. `done`/`cancelled`: finished. */
export type SkillStatus = 'waiting' | 'done' | 'cancelled';

export interface Skill<Data = unknown> {
  name: string;
  /** Intents that start this skill. */
  intents: string[];
  /** Changes data: the engine will not let it run without the customer's confirmation (the skill asks). */
  writes?: boolean;
  /** Entity types this skill uses: a message carrying one stays with the running skill rather than starting another. */
  accepts?: string[];
  /**
   * Whether a message answers the question this skill is waiting on (`step`) although no entity shows it — a
   * free-text answer such as a description of one's situation. Such a message stays with the running skill instead
   * of starting whatever else the classifier reads into it. Optional; pure.
   */
  answers?(understanding: Understanding, step: SlotName | null): boolean;
  /**
   * Whether a message names one of this skill's own records (a waybill, a card, a booking …) that the engine's
   * entity extractor does not know. A write request about a named record ("SF1234… came 3 days late, can I get the
   * fee back?") is the task, not a policy question for the FAQ. Optional; pure.
   */
  references?(text: string): boolean;
  run(context: SkillContext<Data>): SkillStatus | Promise<SkillStatus>;
}

export interface PackDefinition<Data = unknown> {
  name: string;
  locales: Locale[];
  /** Training phrases per intent and locale. */
  intents: Record<string, Localized<string[]>>;
  /** Display names of intents, used in clarifying questions. */
  intentLabels: Record<string, Localized>;
  templates: TemplateSet;
  knowledge: KnowledgeDoc[];
  tools: Record<string, ToolDefinition<never, unknown, Data>>;
  skills: Skill<Data>[];
  catalog(data: Data): CatalogTerms;
  /** Intents that are not tasks (greeting, thanks …) answered from templates by the engine. */
  smallTalk: Record<string, string>;
  /**
   * Keyword rules that back the classifier up on unmistakable wording (Rasa's regex features, in small):
   * used when the classifier is unsure, or when the rule's intent is among its top three guesses.
   */
  intentHints?: Array<{ intent: string; pattern: RegExp }>;
  /**
   * Safety rules checked on EVERY message before anything else (red flags in healthcare, scam cues in finance):
   * a match answers with the pack's template, ends any running flow and drops queued requests.
   */
  safety?: (text: string) => SafetyMatch | null;
}

/** What a pack's safety rule found. */
export interface SafetyMatch {
  /** Template of the owning pack to answer with. */
  key: string;
  vars?: Record<string, unknown>;
  /** Also hand the conversation to a person (fraud cues), not only warn. */
  handoff?: boolean;
  category: string;
}
