import type { Locale, Localized } from '../types.ts';
import type { TemplateSet } from '../pack.ts';
import type { PackBinding } from '../compose-packs.ts';
import type { ToolDefinition } from '../tools/define-tool.ts';
import type { Retriever } from '../knowledge/types.ts';
import { createCounterIds, systemClock, type Clock, type IdGenerator } from '../ports.ts';
import { isLingxiError } from '../errors.ts';
import { isAffirmative } from '../dialogue/confirmation.ts';
import { chooseTone } from '../dialogue/tone.ts';
import { createRecorder, makeReply } from '../dialogue/turn-context.ts';
import type { ConversationEngine, ConversationState, EngineEvent, Reply, TurnInput, TurnResult, Understanding } from '../dialogue/types.ts';
import { callModel, type ModelCallResult } from './call-model.ts';
import { executeConfirmed, executeToolCall, type ToolCallEnvironment, type ToolPolicy } from './execute-tool-call.ts';
import { extractFacts, extractFactsFromValue } from './grounding.ts';
import { addFacts, llmMemory, trimHistory, type LlmMemory } from './llm-memory.ts';
import { llmText } from './llm-texts.ts';
import { costOf, DEFAULT_MODEL_PRICES, type ModelPrice } from './model-prices.ts';
import { createStreamGate, type StreamEvent } from './stream-gate.ts';
import { createReplyChecker, gatherEvidence, replacementKey } from './reply-checks.ts';
import { buildSystemPrompt, DEFAULT_PERSONA } from './system-prompt.ts';
import { createToolSpecs } from './tool-specs.ts';
import type { ChatMessage, LlmProvider, ProviderDescription } from './types.ts';

export interface LlmAgentConfig {
  /** Model calls per customer turn (tool-calling steps); past it the offline engine answers. */
  maxSteps: number;
  /** Prompt + completion tokens per conversation; past it the offline engine answers the rest. */
  maxTokensPerConversation: number;
  /** Per model call. */
  timeoutMs: number;
  /**
   * Per customer turn, over all its model calls (and the provider's retries inside them): past it the offline engine
   * answers, so a slow or hanging model never leaves the customer waiting longer than this.
   */
  turnDeadlineMs: number;
  /** Overrides the provider's temperature / completion-token limit when set. */
  temperature?: number;
  maxTokens?: number;
  /** Messages of history sent to the model. */
  maxHistoryMessages: number;
  /** Characters of one customer message the agent reads. */
  maxInputChars: number;
  /** Intents the offline engine answers itself when it is confident (small talk): no tokens spent. */
  offlineIntents: string[];
  authenticationTools: string[];
  handoffTool: string | null;
  knowledgeLimit: number;
  minKnowledgeConfidence: number;
  toolLabels: Record<string, Localized>;
}

export const defaultLlmAgentConfig: LlmAgentConfig = {
  maxSteps: 6, maxTokensPerConversation: 60_000, timeoutMs: 30_000, turnDeadlineMs: 8_000, maxHistoryMessages: 40, maxInputChars: 4_000,
  offlineIntents: [], authenticationTools: [], handoffTool: null, knowledgeLimit: 3, minKnowledgeConfidence: 0.3, toolLabels: {},
};

export interface CreateLlmAgentOptions<Data> {
  /** The enabled packs with their backends: tools of every pack, each run on its own pack's data. */
  packs: PackBinding<Data>[];
  provider: LlmProvider;
  /** Answers when the model cannot (error, timeout, rate limit, budget) and for routed intents. Shares `data`. */
  offline: ConversationEngine;
  retriever: Retriever;
  /** The pack's policy text (e.g. τ-retail wiki.md). */
  policy: string;
  persona?: string;
  config?: Partial<LlmAgentConfig>;
  clock?: Clock;
  ids?: IdGenerator;
  /** Monotonic milliseconds for latency (default Date.now). */
  timer?: () => number;
  prices?: Record<string, ModelPrice>;
  /** Copy of the data for dry runs of write tools (default structuredClone); null disables dry runs. */
  preview?: ((data: Data) => Data) | null;
}

export interface HandleOptions {
  /** Receives the final reply as the model writes it (sentence by sentence, after the grounding check). */
  onStream?: (event: StreamEvent) => void;
  signal?: AbortSignal;
}

export interface LlmConversationEngine extends ConversationEngine {
  handle(state: ConversationState, input: TurnInput, options?: HandleOptions): Promise<TurnResult>;
  /** The provider, key masked — safe to log. */
  describe(): ProviderDescription;
}

/**
 * The LLM agent: the same {@link ConversationEngine} facade as the offline engine, answered by a language model
 * that sees the pack's policy and calls the pack's tools — under guardrails enforced in code, not in the prompt:
 * write tools wait for the customer's explicit "yes" (recorded by the engine) to exactly the held arguments;
 * tools run as the authenticated customer; figures in a reply must come from tool results or the customer;
 * knowledge answers carry their sources; tool results and articles are data messages, never system text.
 * Whenever the model fails (error, timeout, rate limit, budget, step cap) the offline engine answers the turn.
 */
export function createLlmAgent<Data>(options: CreateLlmAgentOptions<Data>): LlmConversationEngine {
  const config = { ...defaultLlmAgentConfig, ...options.config };
  const { provider, offline } = options;
  const tools: Record<string, ToolDefinition<unknown, unknown, Data>> = {};
  const dataByTool = new Map<string, Data>();
  const templates: TemplateSet = { zh: {}, en: {} };
  for (const binding of options.packs) {
    for (const tool of Object.values(binding.pack.tools) as unknown as Array<ToolDefinition<unknown, unknown, Data>>) {
      tools[tool.name] ??= tool;
      if (!dataByTool.has(tool.name)) dataByTool.set(tool.name, binding.data);
    }
    for (const locale of ['zh', 'en'] as const) for (const [key, template] of Object.entries(binding.pack.templates[locale])) templates[locale][key] ??= template;
  }
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createCounterIds();
  const timer = options.timer ?? (() => Date.now());
  const prices = options.prices ?? DEFAULT_MODEL_PRICES;
  const specs = createToolSpecs(tools as Record<string, ToolDefinition<never, unknown, never>>);
  const policyFacts = new Set(extractFacts(options.policy));
  const toolPolicy: ToolPolicy<Data> = {
    authenticationTools: config.authenticationTools, handoffTool: config.handoffTool, knowledgeLimit: config.knowledgeLimit,
    minKnowledgeConfidence: config.minKnowledgeConfidence, toolLabels: config.toolLabels,
    preview: options.preview === undefined ? (data) => structuredClone(data) : options.preview,
  };

  async function delegate(state: ConversationState, input: TurnInput, events: EngineEvent[], userInHistory: boolean, toolCalls: TurnResult['toolCalls'] = []): Promise<TurnResult> {
    const result = await offline.handle(state, input);
    const memory = llmMemory(result.state);
    if (!userInHistory) memory.messages.push({ role: 'user', content: input.text });
    memory.messages.push({ role: 'assistant', content: result.replies.map((reply) => reply.text).join('\n') });
    memory.messages = trimHistory(memory.messages, config.maxHistoryMessages);
    addFacts(memory, extractFacts(input.text));
    for (const call of result.toolCalls) if (call.ok) addFacts(memory, extractFactsFromValue(call.result));
    return { ...result, events: [...events, ...result.events], toolCalls: [...toolCalls, ...result.toolCalls] };
  }

  return {
    describe: () => provider.describe(),
    understand: (text, locale) => offline.understand(text, locale),
    start(startOptions) {
      const started = offline.start(startOptions);
      llmMemory(started.state);
      return started;
    },
    async handle(inputState, input, handleOptions = {}) {
      const state = structuredClone(inputState);
      const text = typeof input.text === 'string' ? input.text.slice(0, config.maxInputChars) : '';
      const turnInput: TurnInput = { ...input, text };
      if (input.verifiedCustomerId && !state.customerId) state.customerId = input.verifiedCustomerId;
      const understanding = offline.understand(text, state.locale);
      const memory = llmMemory(state);
      // Small talk is short: a long message the classifier files under "greet" is more likely a request the model should read.
      const short = understanding.normalized.length <= 30 && understanding.normalized.split(/\s+/).length <= 5;
      const routed = !memory.pending && short && understanding.status === 'confident' && config.offlineIntents.includes(understanding.intent ?? '');
      // Offline answers: handed-off conversations, empty/unreadable input, a flow it is running, confident small talk.
      if (state.handedOff || !/[\p{L}\p{N}]/u.test(understanding.normalized) || state.flow || routed) {
        return delegate(state, turnInput, [], false);
      }
      state.turns += 1;
      switchLocale(state, understanding);
      const tone = chooseTone(state.tone, understanding.sentiment);
      const recorder = createRecorder();
      const replyEnv = { state, tone, understanding };
      const env: ToolCallEnvironment<Data> = {
        tools, dataOf: (tool) => dataByTool.get(tool) as Data, clock, ids, state, memory, recorder, retriever: options.retriever, policy: toolPolicy, sources: [],
        ...(input.requireVerifiedIdentity ? { requireVerifiedIdentity: true } : {}),
      };
      memory.messages.push({ role: 'user', content: text });
      addFacts(memory, extractFacts(text));
      const confirmed = await resolvePending(env, text);

      const fallback = async (reason: string, error?: unknown): Promise<TurnResult> => {
        recorder.events.push({ type: 'llm.failed', at: clock.now(), data: { model: provider.model, reason, message: error instanceof Error ? error.message.slice(0, 300) : null } });
        if (confirmed?.ok) {
          const done = llmText(templates, state.locale, tone, 'llm.done', { summary: confirmed.summary });
          memory.messages.push({ role: 'assistant', content: done });
          return finish(state, understanding, recorder, [makeReply(replyEnv, done)]);
        }
        state.turns -= 1; // the offline engine counts the turn itself
        return delegate(state, turnInput, recorder.events, true, recorder.toolCalls);
      };

      const turnStarted = timer();
      for (let step = 0; ; step++) {
        if (step >= config.maxSteps) return fallback('step_limit');
        const left = config.turnDeadlineMs - (timer() - turnStarted);
        if (left <= 0) return fallback('deadline');
        const callTimeout = Math.min(config.timeoutMs, left);
        if (memory.usage.promptTokens + memory.usage.completionTokens >= config.maxTokensPerConversation) return fallback('budget_exhausted');
        memory.messages = trimHistory(memory.messages, config.maxHistoryMessages);
        const grounded = new Set([...memory.grounded, ...policyFacts]);
        // Writes that succeeded in this turn: the only ones a reply may say were done.
        const writes = recorder.toolCalls.filter((call) => call.ok && tools[call.name]?.write).map((call) => call.name);
        const system = systemPrompt(state);
        const check = createReplyChecker(gatherEvidence(memory, { grounded, writes, policy: options.policy, systemPrompt: system, now: clock.now() }));
        const gate = createStreamGate((piece, soFar) => check(piece, soFar).length > 0, handleOptions.onStream);
        const messages: ChatMessage[] = [{ role: 'system', content: system }, ...memory.messages];
        let result: ModelCallResult;
        try {
          result = await callModel(provider, { messages, tools: specs, temperature: config.temperature, maxTokens: config.maxTokens }, {
            timeoutMs: callTimeout, signal: handleOptions.signal, now: timer, onText: (soFar) => gate.push(soFar),
          });
        } catch (error) {
          gate.reset();
          const reason = failureReason(error);
          return fallback(reason === 'timeout' && callTimeout < config.timeoutMs ? 'deadline' : reason, error);
        }
        account(memory, recorder.events, result, messages, step);

        if (result.calls.length) {
          gate.reset();
          memory.messages.push({ role: 'assistant', content: result.text || null, tool_calls: result.calls });
          let stop: 'held' | 'handoff' | null = null;
          let handoffSummary = '';
          for (const call of result.calls) {
            if (stop) {
              memory.messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ ok: false, error: 'not run: one action at a time' }) });
              continue;
            }
            const outcome = await executeToolCall(call, env);
            memory.messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.content });
            if (outcome.kind === 'held') {
              memory.pending = outcome.pending;
              stop = 'held';
            } else if (outcome.kind === 'handoff') {
              stop = 'handoff';
              handoffSummary = outcome.summary;
            }
          }
          if (stop === 'held') {
            const ask = llmText(templates, state.locale, tone, 'llm.confirm', { summary: memory.pending!.summary });
            memory.messages.push({ role: 'assistant', content: ask });
            const quickReplies = ['quick.yes', 'quick.no'].map((key) => llmText(templates, state.locale, tone, key)).map((label) => ({ label, payload: label }));
            return finish(state, understanding, recorder, [makeReply(replyEnv, ask, { awaiting: 'confirmation', quickReplies })]);
          }
          if (stop === 'handoff') {
            const reason = understanding.intent === 'handoff' ? 'customer_request' : 'out_of_scope';
            const say = llmText(templates, state.locale, tone, `handoff.${reason}`);
            memory.messages.push({ role: 'assistant', content: say });
            state.handedOff = true;
            const reply = makeReply(replyEnv, say);
            reply.handoff = { reason, summary: handoffSummary.slice(0, 2_000) };
            recorder.events.push({ type: 'handoff.requested', at: clock.now(), data: { ...reply.handoff } });
            return finish(state, understanding, recorder, [reply]);
          }
          continue;
        }

        const answer = result.text.trim();
        if (!answer) return fallback('empty_response');
        const violations = check(answer);
        let replyText = answer;
        if (violations.length) {
          gate.reset();
          for (const violation of violations) {
            recorder.events.push({ type: 'guardrail.triggered', at: clock.now(), data: { rule: violation.rule, [FOUND_KEY[violation.rule] ?? 'found']: violation.found.slice(0, 10), text: answer.slice(0, 500) } });
          }
          replyText = llmText(templates, state.locale, tone, replacementKey(violations));
        } else {
          gate.finish(result.text);
        }
        memory.messages.push({ role: 'assistant', content: replyText });
        return finish(state, understanding, recorder, [makeReply(replyEnv, replyText, { sources: violations.length ? [] : env.sources })]);
      }
    },
  };

  /** Confirms or drops the held write action; only the very next message can confirm it. */
  async function resolvePending(env: ToolCallEnvironment<Data>, text: string): Promise<{ ok: boolean; summary: string } | null> {
    const pending = env.memory.pending;
    if (!pending) return null;
    env.memory.pending = null;
    const affirmative = pending.turn === env.state.turns - 1 && isAffirmative(text);
    env.recorder.events.push({ type: 'guardrail.triggered', at: clock.now(), data: { rule: 'confirmation', outcome: affirmative ? 'confirmed' : 'declined', tool: pending.tool } });
    if (!affirmative) return null;
    const callId = ids.next('call');
    env.memory.messages.push({ role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: pending.tool, arguments: JSON.stringify(pending.arguments) } }] });
    const outcome = await executeConfirmed(pending, env);
    env.memory.messages.push({ role: 'tool', tool_call_id: callId, content: outcome.content });
    return { ok: outcome.ok, summary: pending.summary };
  }

  function systemPrompt(state: ConversationState): string {
    return buildSystemPrompt({
      policy: options.policy, persona: options.persona ?? DEFAULT_PERSONA, locale: state.locale, now: clock.now(),
      profile: { authenticated: Boolean(state.customerId), customer_id: state.customerId, conversation_id: state.id },
    });
  }

  function account(memory: LlmMemory, events: EngineEvent[], result: ModelCallResult, messages: ChatMessage[], step: number): void {
    const estimated = !result.usage;
    const usage = result.usage ?? {
      promptTokens: Math.ceil(JSON.stringify(messages).length / 4),
      completionTokens: Math.ceil((result.text.length + JSON.stringify(result.calls).length) / 4),
    };
    const price = costOf(provider.model, usage, prices);
    memory.usage.promptTokens += usage.promptTokens;
    memory.usage.completionTokens += usage.completionTokens;
    memory.usage.calls += 1;
    memory.usage.cost[price.currency] = Math.round(((memory.usage.cost[price.currency] ?? 0) + price.cost) * 1e8) / 1e8;
    events.push({
      type: 'llm.completed', at: clock.now(),
      data: { model: provider.model, step, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, estimated, latencyMs: result.latencyMs, cost: price.cost, currency: price.currency, priced: price.priced, finishReason: result.finishReason, toolCalls: result.calls.map((call) => call.function.name) },
    });
  }

  function finish(state: ConversationState, understanding: Understanding, recorder: ReturnType<typeof createRecorder>, replies: Reply[]): TurnResult {
    const at = clock.now();
    const events: EngineEvent[] = [
      { type: 'message.received', at, data: { chars: understanding.text.length, locale: understanding.locale } },
      { type: 'intent.detected', at, data: { intent: understanding.intent, confidence: understanding.confidence, status: understanding.status } },
      ...recorder.events,
      ...replies.map((reply): EngineEvent => ({ type: 'message.sent', at, data: { text: reply.text.slice(0, 500), awaiting: reply.awaiting, sources: reply.sources.map((source) => source.id) } })),
    ];
    state.lastIntent = understanding.intent;
    return { state, replies, events, understanding, toolCalls: recorder.toolCalls };
  }
}

/** Event field names kept from before the checks were gathered in reply-checks.ts (dashboards read them). */
const FOUND_KEY: Record<string, string> = { ungrounded_facts: 'facts', unsupported_action_claim: 'claims' };

function switchLocale(state: ConversationState, understanding: Understanding): void {
  const letters = understanding.normalized.replace(/[^\p{L}]/gu, '').length;
  const locale: Locale = understanding.locale;
  if (locale !== state.locale && (locale === 'zh' ? letters >= 2 : letters >= 8)) state.locale = locale;
}

function failureReason(error: unknown): string {
  if (isLingxiError(error)) {
    if (typeof error.details?.reason === 'string') return error.details.reason;
    if (error.code === 'rate_limited') return 'rate_limited';
    return error.code;
  }
  return 'provider_error';
}

export type { StreamEvent };
