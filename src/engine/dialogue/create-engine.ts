import type { Locale, Tone } from '../types.ts';
import type { EntityExtractor, IntentClassifier, IntentPrediction, Sentiment } from '../nlu/types.ts';
import type { Retriever, KnowledgeHit } from '../knowledge/types.ts';
import type { PackDefinition, SafetyMatch, Skill } from '../pack.ts';
import { composePacks, type PackBinding } from '../compose-packs.ts';
import { createCounterIds, systemClock, type Clock, type IdentityVerifier, type IdGenerator } from '../ports.ts';
import { answerIdentityChallenge, challengeIdentity, IdentityChallenge } from './identity-gate.ts';
import { detectLanguage } from '../text/language.ts';
import { normalize } from '../text/normalize.ts';
import { renderTemplate } from '../responses/render-template.ts';
import { splitClauses } from './clauses.ts';
import { splitQuestions } from './question-clauses.ts';
import { isEllipticalFollowUp } from './elliptical-follow-up.ts';
import { chooseTone } from './tone.ts';
import { CORRECTS_SLOT, createRecorder, DIGRESSION_SLOT, createSkillContext, ENTITIES_SLOT, makeReply, PROMPT_SLOT, rememberTurn, TEXTS_SLOT, type TurnEnvironment } from './turn-context.ts';
import { looksLikeQuestion, slotAnswered } from './slot-answered.ts';
import { isAffirmative } from './confirmation.ts';
import { takesAll } from './each-choice.ts';
import { correctsLastTask, LAST_TASK, leansOnPrevious, OFFER, type LastTask, PREVIOUS_MESSAGE, rememberOffer, type Offer, type PreviousMessage } from './discourse-context.ts';
import { isInfoQuestion, looksLikeCode } from './message-shape.ts';
import type { ConversationEngine, ConversationState, EngineEvent, Reply, SlotName, TurnInput, TurnResult, Understanding } from './types.ts';

export interface SentimentAnalyzer {
  analyze(text: string, context?: { previous?: string[] }): Sentiment;
}

export interface EngineComponents {
  classifier: IntentClassifier;
  extractor: EntityExtractor;
  sentiment: SentimentAnalyzer;
  retriever: Retriever;
}

export interface EngineConfig {
  locale: Locale;
  tone: Tone;
  timeZone: string;
  /** Retrieval confidence from which a knowledge answer is given. */
  knowledgeThreshold: number;
  /** Minimum KnowledgeHit.coverage for an answer (0.15: only documents about something else are refused). */
  knowledgeMinCoverage: number;
  /** Lowest classifier confidence that starts a write task without any supporting entity (keyword hints lift it to 0.75). */
  writeMinConfidence: number;
  /** Consecutive not-understood turns before the bot offers a person; one more and it hands over. */
  failuresBeforeOffer: number;
  /** Consecutive angry turns that trigger a handoff. */
  angryTurnsBeforeHandoff: number;
  /** Characters of one message the engine reads; the rest is ignored (the service stores the whole text). */
  maxInputChars: number;
}

export const defaultEngineConfig: EngineConfig = {
  locale: 'zh', tone: 'neutral', timeZone: 'Asia/Shanghai', knowledgeThreshold: 0.55, knowledgeMinCoverage: 0.15, writeMinConfidence: 0.4,
  failuresBeforeOffer: 2, angryTurnsBeforeHandoff: 3, maxInputChars: 4_000,
};

export interface CreateEngineOptions<Data> {
  /** One pack and its backend … */
  pack?: PackDefinition<Data>;
  data?: Data;
  /** … or several (see composePacks). */
  packs?: PackBinding<unknown>[];
  components: EngineComponents;
  config?: Partial<EngineConfig>;
  clock?: Clock;
  ids?: IdGenerator;
  /** Checks one-time codes when a tenant requires verified identity (issue 20 item 3); without it there is no code step. */
  identity?: IdentityVerifier;
}

const SMALL_TALK_CLOSING = new Set(['thanks', 'goodbye']);
/** Words that really abandon a request; the classifier alone may read a short answer ("Lei") as "never mind". */
const CANCEL_WORDS = /算了|不用了|不要了|取消|不办了|不弄了|不改了|先不|never ?mind|forget (it|about it)|\bstop\b|\bcancel\b|don'?t bother|no thanks|leave it/;

/**
 * The offline conversation engine: understanding (intent, entities, sentiment), a dialogue policy
 * (skills with slot filling, digressions, clarification, knowledge answers, handoff) and responses from
 * the pack's templates. Pure: data, clock and ids arrive as parameters; state is passed in and returned.
 */
export function createEngine<Data>(options: CreateEngineOptions<Data>): ConversationEngine {
  const config = { ...defaultEngineConfig, ...options.config };
  const { components } = options;
  const bindings: PackBinding<unknown>[] = options.packs ?? (options.pack ? [{ pack: options.pack as PackDefinition<unknown>, data: options.data }] : []);
  const composed = composePacks(bindings);
  const pack = composed.pack as PackDefinition<Data>;
  const data = bindings[0].data as Data;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createCounterIds();
  const skillByIntent = new Map<string, Skill<Data>>();
  for (const skill of pack.skills) for (const intent of skill.intents) skillByIntent.set(intent, skill);
  const skillByName = new Map(pack.skills.map((skill) => [skill.name, skill]));

  function understand(text: string, fallback: Locale = config.locale, previous: string[] = []): Understanding {
    const clipped = text.length > config.maxInputChars ? text.slice(0, config.maxInputChars) : text;
    const normalized = normalize(clipped);
    const detected = detectLanguage(normalized);
    const locale: Locale = detected === 'zh' || detected === 'en' ? detected : fallback;
    const prediction = normalized ? classify(clipped, normalized) : { label: null, confidence: 0, status: 'unknown' as const, ranking: [] };
    const entities = normalized ? components.extractor.extract(clipped, { now: clock.now(), timeZone: config.timeZone, locale }) : [];
    const sentiment = components.sentiment.analyze(clipped, { previous });
    return {
      text: clipped, normalized, locale,
      intent: prediction.status === 'unknown' ? null : prediction.label,
      confidence: prediction.confidence, status: prediction.status, ranking: prediction.ranking, entities, sentiment,
    };
  }

  /** The classifier's prediction, corrected by the pack's keyword hints. */
  function classify(text: string, normalized = normalize(text)): IntentPrediction {
    const prediction = components.classifier.classify(text);
    const hint = pack.intentHints?.find((h) => h.pattern.test(normalized));
    if (!hint) return prediction;
    if (hint.intent === prediction.label) return prediction.status === 'confident' ? prediction : { ...prediction, status: 'confident', confidence: Math.max(0.75, prediction.confidence) };
    // The classifier keeps its answer only when it is sure, the rule's intent is not among its guesses, and its own
    // intent has a rule that matches too (two precise rules disagree); otherwise the precise rule wins.
    const inTop = prediction.ranking.slice(0, 3).some((r) => r.label === hint.intent);
    const ownRule = pack.intentHints?.some((h) => h.intent === prediction.label && h.pattern.test(normalized));
    if (prediction.status === 'confident' && !inTop && prediction.confidence >= 0.8 && ownRule) return prediction;
    return { label: hint.intent, confidence: Math.max(0.75, prediction.ranking.find((r) => r.label === hint.intent)?.confidence ?? 0), status: 'confident', ranking: prediction.ranking };
  }

  function newState(options: { locale?: Locale; tone?: Tone; id?: string } = {}): ConversationState {
    return {
      id: options.id ?? ids.next('conv'), locale: options.locale ?? config.locale, tone: options.tone ?? config.tone,
      customerId: null, flow: null, suspended: [], memory: {}, failures: 0, turns: 0, handedOff: false, lastIntent: null, pendingChoices: [],
    };
  }

  return {
    start(startOptions = {}) {
      const state = newState(startOptions);
      const understanding = understand('', state.locale);
      const text = renderTemplate(pack.templates, state.locale, state.tone, 'greeting');
      return { state, replies: [makeReply({ state, tone: state.tone, understanding }, text, { quickReplies: starterQuickReplies(pack, state.locale) })] };
    },
    understand: (text, locale) => understand(text, locale),
    async handle(inputState: ConversationState, input: TurnInput): Promise<TurnResult> {
      const state = structuredClone(inputState);
      state.turns += 1;
      const text = typeof input.text === 'string' ? input.text : '';
      const recent = (state.memory.recentTexts as string[] | undefined) ?? [];
      const understanding = understand(text, state.locale, recent);
      state.memory.recentTexts = [...recent, understanding.normalized].slice(-3);
      // Switch language only on a clear signal: a lone "Lei" or "ok" in a Chinese conversation is not English.
      const codeLike = looksLikeCode(text);
      const detected = codeLike ? 'unknown' : detectLanguage(understanding.normalized);
      const letters = understanding.normalized.replace(/[^\p{L}]/gu, '').length;
      if ((detected === 'zh' || detected === 'en') && detected !== state.locale && (detected === 'zh' ? letters >= 2 : letters >= 8)) state.locale = detected;
      const tone = chooseTone(state.tone, understanding.sentiment);
      const recorder = createRecorder();
      const at = clock.now();
      recordUnderstanding(recorder.events, understanding, at);
      if (input.verifiedCustomerId && !state.customerId) state.customerId = input.verifiedCustomerId;
      const extract = (piece: string) => components.extractor.extract(piece, { now: clock.now(), timeZone: config.timeZone, locale: state.locale });
      const env: TurnEnvironment<Data> = { pack, data, clock, ids, state, understanding, tone, recorder, extract, requireVerifiedIdentity: input.requireVerifiedIdentity === true };
      const angry = trackSentiment(state, understanding.sentiment);

      const safety = checkSafety(understanding.text);
      if (safety) {
        answerSafety(env, safety.match, safety.binding);
      } else if (state.handedOff) {
        say(env, 'handoff.waiting');
      } else if (!understanding.normalized) {
        say(env, text.trim() ? 'input.unreadable' : 'input.empty');
      } else if (!/[\p{L}\p{N}]/u.test(understanding.normalized)) {
        say(env, 'input.symbols');
      } else if (codeLike && !state.flow) {
        fallback(env);
      } else if (understanding.intent === 'handoff' && understanding.status === 'confident') {
        recorder.handoff = { reason: 'customer_request', summary: summarize(state, understanding) };
      } else if (angry >= config.angryTurnsBeforeHandoff) {
        recorder.handoff = { reason: 'negative_sentiment', summary: summarize(state, understanding) };
      } else {
        await withIdentityGate(env, async () => {
          const code = env.requireVerifiedIdentity ? answerIdentityChallenge(env, options.identity) : 'none';
          if (code === 'none') return decide(env);
          // The right code: the request that needed it goes on (its skill now finds the customer identified).
          const current = code === 'verified' && state.flow ? skillByName.get(state.flow.name) : undefined;
          if (current) await runSkill(env, current, false);
        });
      }
      finishTurn(env);
      // Kept for one turn: what the next message may point back to ("帮我报上吧", "sign me up for it").
      const previous: PreviousMessage = { text: understanding.text.slice(0, 500), entities: understanding.entities.map(({ type, value, meta }) => ({ type, value, meta })), turn: state.turns };
      state.memory[PREVIOUS_MESSAGE] = previous;
      return { state, replies: recorder.replies, events: recorder.events, understanding, toolCalls: recorder.toolCalls };
    },
  };

  /** Runs the dialogue policy; an identification the tenant does not accept on its own becomes a code challenge. */
  async function withIdentityGate(env: TurnEnvironment<Data>, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof IdentityChallenge)) throw error;
      challengeIdentity(env, error.customerId, options.identity);
    }
  }

  function checkSafety(text: string): { match: SafetyMatch; binding: PackBinding<unknown> } | null {
    for (const { binding, check } of composed.safety) {
      const match = check(text);
      if (match) return { match, binding };
    }
    return null;
  }

  /** A safety rule fired: answer with its template, stop every flow and queued request, hand over if asked. */
  function answerSafety(env: TurnEnvironment<Data>, match: SafetyMatch, binding: PackBinding<unknown>): void {
    const { state, recorder } = env;
    state.flow = null;
    state.suspended = [];
    state.memory.queue = [];
    state.memory.softenedTurn = state.turns; // no "sorry for the trouble" in front of an emergency warning
    recorder.events.push({ type: 'safety.triggered', at: clock.now(), data: { category: match.category, pack: binding.pack.name } });
    recorder.replies.push(makeReply(env, renderTemplate(binding.pack.templates, state.locale, env.tone, match.key, match.vars)));
    if (match.handoff) recorder.handoff = { reason: 'policy', summary: `safety: ${match.category}; last="${env.understanding.text.slice(0, 200)}"` };
  }

  /** The dialogue policy for one understood message. */
  async function decide(env: TurnEnvironment<Data>): Promise<void> {
    const { state, understanding } = env;
    const choice = pickPendingChoice(state, understanding);
    state.pendingChoices = [];
    if (choice) {
      env.understanding = { ...understanding, intent: choice, status: 'confident', confidence: 1 };
    }
    const u = env.understanding;

    if (state.flow) {
      const current = skillByName.get(state.flow.name);
      if (!current) { state.flow = null; return decide(env); }
      if (u.intent === 'cancel_flow' && u.status === 'confident' && state.flow.step !== 'confirmation' && CANCEL_WORDS.test(u.normalized)) {
        env.recorder.events.push({ type: 'flow.cancelled', at: clock.now(), data: { flow: state.flow.name } });
        state.flow = null;
        state.memory.queue = [];
        say(env, 'flow.cancelled');
        return resumeOrQueue(env);
      }
      const other = u.intent ? skillByIntent.get(u.intent) : undefined;
      // "另外默认地址也帮我改下：…" while the flow waits on something else: a further write request in the pack's
      // unmistakable words is put on the agenda (after the current task), not read as an answer to the question.
      const hinted = u.status === 'confident' && other?.writes && other.name !== current.name && state.flow.step !== 'confirmation'
        && Boolean(pack.intentHints?.some((hint) => hint.intent === u.intent && hint.pattern.test(u.normalized)));
      // A read-only flow (a list of orders to look at) gives way to the request itself ("我那个还没发货的订单不要了，帮我取消").
      if (hinted && !current.writes && !slotAnswered(state.flow.step, u)) {
        env.recorder.events.push({ type: 'flow.cancelled', at: clock.now(), data: { flow: current.name, replacedBy: other!.name } });
        state.flow = null;
        return startSkill(env, other!, false);
      }
      if (hinted && !slotAnswered(state.flow.step, u)) {
        state.memory.queue = [...((state.memory.queue as unknown[] | undefined) ?? []), { skill: other!.name, text: u.text }];
        env.recorder.events.push({ type: 'flow.queued', at: clock.now(), data: { flow: other!.name, after: current.name } });
        say(env, 'flow.queued', { task: pack.intentLabels[u.intent!]?.[state.locale] ?? other!.name });
        repeatQuestion(env, state.flow);
        return;
      }
      const usable = current.accepts?.some((type) => u.entities.some((e) => e.type === type)) && u.confidence < 0.9;
      const answered = slotAnswered(state.flow.step, u) || Boolean(usable) || Boolean(current.answers?.(u, state.flow.step as SlotName | null));
      if (!answered && u.status === 'confident' && other && other.name !== current.name && !(u.intent === 'cancel_flow')) {
        state.suspended.push(state.flow);
        state.flow = null;
        return startSkill(env, other, true);
      }
      if (!answered && (looksLikeQuestion(u.normalized) || u.intent === 'faq') && !other) {
        const hit = bestKnowledge(u, state.locale, u.intent === 'faq' ? config.knowledgeThreshold * 0.6 : config.knowledgeThreshold);
        if (hit) {
          answerFromKnowledge(env, hit);
          say(env, 'flow.back');
          repeatQuestion(env, state.flow);
          return;
        }
      }
      return runSkill(env, current, false);
    }

    // "不对不对，是另一单" right after a task ended without doing anything: the same task again, corrected.
    const lastTask = state.memory[LAST_TASK] as LastTask | undefined;
    const corrected = lastTask && lastTask.turn === state.turns - 1 && correctsLastTask(u.text) ? skillByName.get(lastTask.skill) : undefined;
    if (corrected && lastTask) {
      delete state.memory[LAST_TASK];
      state.flow = { name: corrected.name, slots: { [TEXTS_SLOT]: lastTask.texts, [ENTITIES_SLOT]: lastTask.entities, [CORRECTS_SLOT]: true }, step: null, attempts: 0 };
      env.recorder.events.push({ type: 'flow.started', at: clock.now(), data: { flow: corrected.name, digression: false, correction: true } });
      return runSkill(env, corrected, true);
    }
    // "差价退回支付宝就行" right after the exchange was done: the customer restates how the task they just confirmed is
    // paid, not a new request (starting another exchange from it is the classic mistake).
    if (restatesLastWrite(state, u)) {
      state.failures = 0;
      say(env, 'flow.already_done');
      return;
    }
    // "Yes, go ahead" / "确认，取消吧" with nothing pending is an acknowledgement, not a new request — unless the last
    // reply offered one thing to do ("需要的话可以点「申请理赔」", "shall I get you a person?"): then it takes the offer.
    if (u.normalized.length <= 16 && !u.entities.some((e) => e.type === 'order_id') && isAffirmative(u.text)) {
      const offer = state.memory[OFFER] as Offer | undefined;
      delete state.memory[OFFER];
      if (offer && offer.turn === state.turns - 1) {
        env.recorder.events.push({ type: 'offer.accepted', at: clock.now(), data: { payload: offer.payload } });
        const taken = { ...understand(offer.payload, state.locale), text: offer.payload };
        if (taken.intent === 'handoff') { env.recorder.handoff = { reason: 'customer_request', summary: summarize(state, taken) }; return; }
        env.understanding = taken;
        return decide(env);
      }
      state.failures = 0;
      say(env, 'smalltalk.affirm');
      return;
    }
    // "那周四呢" / "what about Monday?" right after an answer: the same read-only request again with one detail changed.
    const lastRead = state.memory.lastRead as { skill: string; texts: string[]; entities: unknown[] } | undefined;
    const named = u.status === 'confident' && u.intent ? skillByIntent.get(u.intent) : undefined;
    const again = lastRead && isEllipticalFollowUp(u.text) ? skillByName.get(lastRead.skill) : undefined;
    if (again && (!named || named === again || !named.writes && named.name !== lastRead!.skill && u.confidence < 0.9)) {
      state.flow = { name: again.name, slots: { [TEXTS_SLOT]: lastRead!.texts, [ENTITIES_SLOT]: lastRead!.entities }, step: null, attempts: 0 };
      env.recorder.events.push({ type: 'flow.started', at: clock.now(), data: { flow: again.name, digression: false, followUp: true } });
      return runSkill(env, again, true);
    }
    const hit = bestKnowledge(u, state.locale, u.intent === 'faq' && u.status !== 'unknown' ? config.knowledgeThreshold * 0.6 : config.knowledgeThreshold);
    const tasks = clauseTasks(u);
    const skill = tasks[0]?.skill ?? (u.status === 'confident' && u.intent ? skillByIntent.get(u.intent) : undefined);
    // A write task (cancel, return, change …) on a weak guess of the classifier alone, with nothing in the message that
    // the task takes (no order number, product, option …): "能帮我写作业吗" must not start a cancellation.
    // Something in the message the task takes: an order number, a product, an entity the skill accepts, or one of the
    // skill's own records (a waybill …).
    const supported = Boolean(skill) && (u.entities.some((e) => skill!.accepts?.includes(e.type) || e.type === 'order_id' || e.type === 'product') || Boolean(skill!.references?.(u.text)));
    const weakWrite = skill?.writes && tasks.length < 2 && u.confidence < config.writeMinConfidence && !supported;
    if (skill && weakWrite) {
      if (hit) return answerFromKnowledge(env, hit);
      if (u.ranking.length >= 2 && u.ranking[1].confidence >= 0.15) return clarify(env);
      return fallback(env);
    }
    if (skill) {
      // A policy question ("退货运费谁出？") is answered from the knowledge base, not taken as the task it mentions.
      const preferKnowledge = (hit?.confidence ?? 0) >= 0.85 && u.confidence < 0.6 || (isInfoQuestion(u.normalized) && (hit?.confidence ?? 0) >= config.knowledgeThreshold);
      if (hit && preferKnowledge && skill.writes && tasks.length < 2 && !u.entities.some((e) => e.type === 'order_id' || e.type === 'product') && !skill.references?.(u.text)) return answerFromKnowledge(env, hit);
      // Several questions, each answered by the knowledge base ("保价怎么收？另外上门取件要钱吗"), ask about policy, not for the task.
      const answers = skill.writes && !u.entities.some((e) => e.type === 'order_id' || e.type === 'product') && !skill.references?.(u.text) ? knowledgeForEveryQuestion(u, state.locale) : null;
      if (answers) { for (const answer of answers) answerFromKnowledge(env, answer); return; }
      // What belongs to no task ("搬家了，新地址是…", who the customer is) is said for all of them: each queued task
      // gets it in front of its own clause ("账户默认地址改一下" takes the new address given once).
      const clauses = tasks.length > 1 ? splitClauses(u.text) : [];
      const taken = new Set(tasks.flatMap((t) => t.clauses));
      const shared = clauses.filter((clause) => !taken.has(clause));
      // A new address said once for several tasks (the account and an order) goes to every later task that takes an
      // address and names none of its own: the clause that says it comes along. (A payment method is not handed on:
      // one task's refund method is not another's way to pay a difference.)
      const inherited = (t: { skill: Skill<Data>; text: string }) => u.entities.filter((e) => SHARED_DETAILS.has(e.type) && t.skill.accepts?.includes(e.type)
        && !components.extractor.extract(t.text, { now: clock.now(), timeZone: config.timeZone }).some((own) => own.type === e.type)
        && u.entities.filter((other) => other.type === e.type).length === 1).map((e) => clauses.find((clause) => clause.includes(e.text))).filter((c): c is string => Boolean(c));
      const queued = tasks.slice(1).map((t) => ({ skill: t.skill.name, text: [...new Set([...shared, ...inherited(t), t.text])].join(' ') }));
      if (queued.length) {
        state.memory.queue = [...((state.memory.queue as unknown[]) ?? []), ...queued];
        env.understanding = withoutClauses(u, tasks.slice(1).flatMap((t) => t.clauses));
      }
      return startSkill(env, skill, false, tasks.length < 2 ? previousFor(state, u) : null);
    }
    if (u.status === 'confident' && u.intent && pack.smallTalk[u.intent]) {
      state.failures = 0;
      say(env, pack.smallTalk[u.intent]);
      if (SMALL_TALK_CLOSING.has(u.intent)) env.recorder.events.push({ type: 'conversation.resolved', at: clock.now(), data: { by: 'customer', intent: u.intent } });
      return;
    }
    if (hit) return answerEveryQuestion(env, u, hit);
    if (u.status === 'ambiguous' && u.ranking.length >= 2) return clarify(env);
    return fallback(env);
  }

  /**
   * Starts a skill. `context`: the customer's previous message, when this one leans on it ("帮我报上吧" right after
   * asking about a course): the skill reads it as said earlier in its own request, this message winning.
   */
  async function startSkill(env: TurnEnvironment<Data>, skill: Skill<Data>, digression: boolean, context: PreviousMessage | null = null): Promise<void> {
    const slots: Record<string, unknown> = context ? { [TEXTS_SLOT]: [context.text], [ENTITIES_SLOT]: context.entities } : {};
    if (digression) slots[DIGRESSION_SLOT] = true;
    env.state.flow = { name: skill.name, slots, step: null, attempts: 0 };
    env.recorder.events.push({ type: 'flow.started', at: clock.now(), data: { flow: skill.name, digression } });
    await runSkill(env, skill, true);
  }

  async function runSkill(env: TurnEnvironment<Data>, skill: Skill<Data>, started: boolean): Promise<void> {
    const flow = env.state.flow!;
    env.state.failures = 0;
    // "两门都退" / "both" answering "which one?" among the customer's records: the first now, the others next.
    const prompt = flow.slots[PROMPT_SLOT] as ChoicePrompt | undefined;
    if (!started && prompt?.each && prompt.quickReplies.length > 1 && flow.step === prompt.awaiting && takesAll(env.understanding.text)) takeEach(env, skill, prompt);
    rememberTurn(flow, env.understanding);
    // A skill runs with its own pack's templates, tools and backend.
    const owner = composed.ownerOf(skill as Skill<unknown>);
    const skillEnv = { ...env, pack: owner.pack, data: owner.data } as unknown as TurnEnvironment<Data>;
    const status = await skill.run(createSkillContext(skillEnv, flow, started));
    if (status === 'waiting') {
      // "两门课都得退掉" and the skill asks which: the message already took all of them (each-choice.ts).
      const asked = flow.slots[PROMPT_SLOT] as ChoicePrompt | undefined;
      if (asked?.each && asked.quickReplies.length > 1 && env.recorder.replies.at(-1)?.awaiting === flow.step && takesAll(env.understanding.text)) {
        env.recorder.replies.pop();
        takeEach(env, skill, asked);
        return runSkill(env, skill, false);
      }
      return;
    }
    env.recorder.events.push({ type: status === 'done' ? 'flow.completed' : 'flow.cancelled', at: clock.now(), data: { flow: skill.name, slots: flow.slots } });
    // A finished read-only request can be asked again elliptically ("那周四呢"); a write is never repeated that way.
    if (status === 'done' && !skill.writes) env.state.memory.lastRead = { skill: skill.name, texts: (flow.slots[TEXTS_SLOT] as string[] | undefined) ?? [], entities: (flow.slots[ENTITIES_SLOT] as unknown[] | undefined) ?? [] };
    else delete env.state.memory.lastRead;
    // A write task that ended without writing (refused: "已签收，无法取消") can be corrected next ("不对，是另一单").
    const wrote = env.recorder.toolCalls.some((call) => call.ok && owner.pack.tools[call.name]?.write);
    if (skill.writes && !wrote) env.state.memory[LAST_TASK] = { skill: skill.name, texts: (flow.slots[TEXTS_SLOT] as string[] | undefined) ?? [], entities: (flow.slots[ENTITIES_SLOT] as unknown[] | undefined) ?? [], turn: env.state.turns } satisfies LastTask;
    else delete env.state.memory[LAST_TASK];
    env.state.flow = null;
    if (env.recorder.handoff) return;
    // A side question answered mid-task ("how much was the freight?") returns to that task before the requests queued
    // behind it ("…and a claim for the other parcel too").
    if (flow.slots[DIGRESSION_SLOT] === true && !env.recorder.queue.length && env.state.suspended.length) return resumeSuspended(env);
    await resumeOrQueue(env);
  }

  /** Answers an `each` choice with its first record and queues the same task for every other one (each-choice.ts). */
  function takeEach(env: TurnEnvironment<Data>, skill: Skill<Data>, prompt: ChoicePrompt): void {
    const [first, ...rest] = prompt.quickReplies.map((reply) => reply.payload);
    env.recorder.events.push({ type: 'flow.queued', at: clock.now(), data: { flow: skill.name, each: prompt.quickReplies.length } });
    env.recorder.queue.push(...rest.map((payload) => ({ skill: skill.name, text: payload })));
    delete env.state.flow!.slots[PROMPT_SLOT];
    env.understanding = { ...understand(first, env.state.locale), text: first };
  }

  /** After a skill ends: run queued requests from the same message first, then resume an interrupted skill. */
  async function resumeOrQueue(env: TurnEnvironment<Data>): Promise<void> {
    // What the finished skill handed on (the rest of its own request) comes before later requests of the message.
    const queue = [...env.recorder.queue, ...((env.state.memory.queue as Array<{ skill: string; text: string }> | undefined) ?? [])];
    env.recorder.queue = [];
    const next = queue.shift();
    env.state.memory.queue = queue;
    if (next) {
      const skill = skillByName.get(next.skill);
      if (skill) {
        env.understanding = { ...understand(next.text, env.state.locale), text: next.text };
        return startSkill(env, skill, false);
      }
    }
    resumeSuspended(env);
  }

  /** Returns to the interrupted task: says so and asks its question again. */
  function resumeSuspended(env: TurnEnvironment<Data>): void {
    const suspended = env.state.suspended.pop();
    if (suspended) {
      env.state.flow = suspended;
      const skill = skillByName.get(suspended.name);
      if (skill) {
        say(env, 'flow.resume');
        repeatQuestion(env, suspended);
      }
    }
  }

  /** Asks the flow's last question again (after a digression or when resuming an interrupted flow). */
  function repeatQuestion(env: TurnEnvironment<Data>, flow: NonNullable<ConversationState['flow']>): void {
    const prompt = flow.slots[PROMPT_SLOT] as { text: string; awaiting: Reply['awaiting']; quickReplies: Reply['quickReplies'] } | undefined;
    if (!prompt) return;
    flow.step = prompt.awaiting;
    env.recorder.replies.push(makeReply(env, prompt.text, { awaiting: prompt.awaiting, quickReplies: prompt.quickReplies }));
  }

  /**
   * Task requests in the message, one per clause, in the customer's order ("first change the address, then …").
   * A clause that only completes the previous request ("…, use my credit card") is not a new task.
   */
  function clauseTasks(u: Understanding): Array<{ skill: Skill<Data>; text: string; clauses: string[] }> {
    const clauses = splitClauses(u.text);
    const whole = u.status === 'confident' && u.intent ? skillByIntent.get(u.intent) : undefined;
    if (clauses.length < 2) return whole ? [{ skill: whole, text: u.text, clauses: [u.text] }] : [];
    const tasks: Array<{ skill: Skill<Data>; text: string; clauses: string[] }> = [];
    for (const clause of clauses) {
      const prediction = classify(clause);
      const skill = (prediction.status === 'confident' && prediction.label ? skillByIntent.get(prediction.label) : undefined) ?? impliedTask(clause, prediction);
      if (!skill) continue;
      const previous = tasks.at(-1);
      const orderIds = components.extractor.extract(clause, { now: clock.now(), timeZone: config.timeZone }).filter((e) => e.type === 'order_id').map((e) => e.value);
      // "挂号费多少钱？" beside another request asks about a task's terms; it does not start the task when nothing in the
      // message is one of the task's records or details ("SF…晚了三天，运费能退吗" names the waybill: that is the claim).
      if (tasks.length && skill.writes && isInfoQuestion(normalize(clause)) && PRICE_WORDS.test(normalize(clause)) && !u.entities.some((e) => e.type === 'order_id' || skill.accepts?.includes(e.type)) && !skill.references?.(u.text)) continue;
      // The same kind of request for another order is a second task ("exchange in #W1 … and change items in #W2").
      const otherOrder = (task: { text: string }) => orderIds.length > 0 && !orderIds.some((id) => task.text.includes(id.slice(1)));
      if (previous?.skill.name === skill.name && !otherOrder(previous)) { previous.text += ` ${clause}`; previous.clauses.push(clause); continue; }
      // A clause that asks for another write in the pack's unmistakable words ("还有…那单不想要了，帮我取消") is its own
      // task even when it names something the previous task could take (a product, a date).
      const ownRequest = skill.writes && prediction.status === 'confident' && Boolean(pack.intentHints?.some((hint) => hint.intent === prediction.label && hint.pattern.test(normalize(clause))));
      // A write request never completes a read-only one ("有三件事哈：1." read as a product question must not swallow
      // "今天下的…那单，付款换成…").
      if (previous && !ownRequest && !otherOrder(previous) && (previous.skill.writes || !skill.writes) && normalize(clause).length <= 90) {
        const entities = components.extractor.extract(clause, { now: clock.now(), timeZone: config.timeZone });
        if (previous.skill.accepts?.some((type) => type !== 'order_id' && entities.some((e) => e.type === type))) { previous.text += ` ${clause}`; previous.clauses.push(clause); continue; }
      }
      if (tasks.some((t) => t.skill.name === skill.name && !otherOrder(t))) continue;
      tasks.push({ skill, text: clause, clauses: [clause] });
    }
    if (!tasks.length) return whole ? [{ skill: whole, text: u.text, clauses: [u.text] }] : [];
    // "My parcel arrives while I'm away, so cancel it": the story around a request is not a request of its own.
    if (tasks.some((t) => t.skill.writes)) return tasks.filter((t) => t.skill.writes || looksLikeQuestion(normalize(t.text)));
    return tasks;
  }

  /**
   * A clause the classifier is unsure about, whose arguments say what it asks ("my pending order #W1 needs to go to
   * 544 Sunset Drive"): among its next guesses, the write task that takes an argument the clause gives and its top
   * guess does not take (an address, a payment method, a date …). Order numbers and products name what a task is
   * about, not which task, so they do not decide. Null when nothing in the clause points that way.
   */
  function impliedTask(clause: string, prediction: IntentPrediction): Skill<Data> | undefined {
    if (prediction.status === 'unknown' && !prediction.ranking.length) return undefined;
    const entities = components.extractor.extract(clause, { now: clock.now(), timeZone: config.timeZone });
    const top = prediction.label ? skillByIntent.get(prediction.label) : undefined;
    const generic = new Set(['order_id', 'product', 'number', 'zip', 'email', 'phone', 'person_name', 'user_id']);
    for (const guess of prediction.ranking.slice(0, 3)) {
      if (guess.confidence < 0.1) break;
      const candidate = skillByIntent.get(guess.label);
      const telling = (type: string) => !generic.has(type) && candidate?.accepts?.includes(type) && (candidate === top || !top?.accepts?.includes(type));
      if (candidate?.writes && entities.some((entity) => telling(entity.type))) return candidate;
    }
    return undefined;
  }

  function bestKnowledge(u: Understanding, locale: Locale, threshold: number): KnowledgeHit | null {
    const [hit] = components.retriever.retrieve(u.text, { locale, limit: 1 });
    // A document that mentions none of what the customer asks about does not answer it, however alike the phrasing.
    return hit && hit.confidence >= threshold && hit.coverage >= config.knowledgeMinCoverage ? hit : null;
  }

  function answerFromKnowledge(env: TurnEnvironment<Data>, hit: KnowledgeHit): void {
    env.state.failures = 0;
    env.recorder.events.push({ type: 'knowledge.used', at: clock.now(), data: { docId: hit.doc.id, confidence: hit.confidence, coverage: hit.coverage } });
    env.recorder.replies.push(makeReply(env, hit.doc.answer, { sources: [{ id: hit.doc.id, title: hit.doc.title, source: hit.doc.source }] }));
  }

  /** One distinct knowledge answer per question when the message asks two or more and every one is answered; else null. */
  function knowledgeForEveryQuestion(u: Understanding, locale: Locale): KnowledgeHit[] | null {
    const questions = splitQuestions(u.text);
    if (questions.length < 2 || !looksLikeQuestion(u.normalized)) return null;
    const hits: KnowledgeHit[] = [];
    for (const question of questions) {
      const asked = classify(question);
      const faq = asked.label === 'faq' && asked.status === 'confident';
      if (!faq && !looksLikeQuestion(normalize(question))) return null;
      const hit = bestKnowledge({ ...u, text: question }, locale, faq ? config.knowledgeThreshold * 0.6 : config.knowledgeThreshold);
      if (!hit) return null;
      if (!hits.some((other) => other.doc.id === hit.doc.id)) hits.push(hit);
    }
    return hits;
  }

  /**
   * Answers the best match of the whole message, then each further question the message asks ("一节课多长？能分期吗")
   * that another knowledge entry answers — up to three answers, none repeated.
   */
  function answerEveryQuestion(env: TurnEnvironment<Data>, u: Understanding, hit: KnowledgeHit): void {
    answerFromKnowledge(env, hit);
    const answered = new Set([hit.doc.id]);
    const questions = splitQuestions(u.text);
    // One question is the whole message, already answered: no second classification and retrieval of the same text.
    if (questions.length < 2) return;
    for (const question of questions) {
      if (answered.size >= 3) break;
      const asked = classify(question);
      const threshold = asked.label === 'faq' && asked.status === 'confident' ? config.knowledgeThreshold * 0.6 : config.knowledgeThreshold;
      const other = bestKnowledge({ ...u, text: question }, env.state.locale, threshold);
      if (!other || answered.has(other.doc.id)) continue;
      answered.add(other.doc.id);
      answerFromKnowledge(env, other);
    }
  }

  function clarify(env: TurnEnvironment<Data>): void {
    const labels = env.understanding.ranking.slice(0, 2).map((r) => r.label).filter((l) => pack.intentLabels[l]);
    if (labels.length < 2) return fallback(env);
    env.state.pendingChoices = labels;
    const [a, b] = labels.map((l) => pack.intentLabels[l][env.state.locale]);
    env.recorder.events.push({ type: 'clarification.requested', at: clock.now(), data: { choices: labels } });
    say(env, 'clarify.two', { a, b }, { quickReplies: [{ label: a, payload: a }, { label: b, payload: b }] });
  }

  function fallback(env: TurnEnvironment<Data>): void {
    env.state.failures += 1;
    env.recorder.events.push({ type: 'fallback.triggered', at: clock.now(), data: { failures: env.state.failures } });
    if (env.state.failures > config.failuresBeforeOffer) {
      env.recorder.handoff = { reason: 'repeated_failure', summary: summarize(env.state, env.understanding) };
      return;
    }
    const offer = env.state.failures >= config.failuresBeforeOffer;
    const humanLabel = renderTemplate(pack.templates, env.state.locale, env.tone, 'quick.human');
    // Both replies say how to reach a person: a "yes" next takes that offer.
    env.recorder.offer = humanLabel;
    say(env, offer ? 'fallback.offer_human' : 'fallback.not_understood', {}, {
      quickReplies: offer ? [{ label: humanLabel, payload: humanLabel }] : starterQuickReplies(pack, env.state.locale),
    });
  }

  function finishTurn(env: TurnEnvironment<Data>): void {
    const { state, recorder } = env;
    if (recorder.handoff && !state.handedOff) {
      state.handedOff = true;
      if (state.flow) state.suspended.push(state.flow);
      state.flow = null;
      recorder.events.push({ type: 'handoff.requested', at: clock.now(), data: { ...recorder.handoff } });
      const reply = makeReply(env, renderTemplate(pack.templates, state.locale, env.tone, `handoff.${recorder.handoff.reason}`));
      reply.handoff = recorder.handoff;
      recorder.replies.push(reply);
    }
    if (!recorder.replies.length) say(env, 'fallback.not_understood');
    // A skill that is still waiting keeps what it handed on for after it finishes.
    if (recorder.queue.length) { state.memory.queue = [...recorder.queue, ...((state.memory.queue as unknown[] | undefined) ?? [])]; recorder.queue = []; }
    const wrote = recorder.toolCalls.filter((call) => call.ok && pack.tools[call.name]?.write);
    if (wrote.length) state.memory.lastWrite = { turn: state.turns, tools: wrote.map((call) => call.name), paid: wrote.some((call) => Object.keys(call.arguments).some((key) => /payment/.test(key))) };
    softenTone(env);
    rememberOffer(state, recorder.offer ? [{ quickReplies: [{ payload: recorder.offer }] }] : recorder.replies, (payload) => {
      const read = understand(payload, state.locale);
      return read.status === 'confident' && read.intent !== null && (read.intent === 'handoff' || skillByIntent.has(read.intent));
    });
    state.lastIntent = env.understanding.intent;
    for (const reply of recorder.replies) recorder.events.push({ type: 'message.sent', at: clock.now(), data: { text: reply.text.slice(0, 500), awaiting: reply.awaiting } });
  }

  /**
   * Every template gets an apologetic or reassuring variant for free: when the customer is upset or anxious the first
   * reply of the turn opens with the pack's `tone.apology` / `tone.reassure` line (at most every third turn, so it
   * does not become a tic), unless the reply already carries its own tone-specific wording.
   */
  function softenTone(env: TurnEnvironment<Data>): void {
    const { state, recorder } = env;
    const key = env.tone === 'apologetic' ? 'tone.apology' : env.tone === 'warm' ? 'tone.reassure' : null;
    const first = recorder.replies[0];
    if (!key || !first || first.handoff) return;
    const last = (state.memory.softenedTurn as number | undefined) ?? -10;
    if (state.turns - last < 3) return;
    const opener = renderTemplate(pack.templates, state.locale, env.tone, key);
    if (opener === key || first.text.includes(opener)) return;
    if (/抱歉|对不起|sorry|apolog|别着急|don'?t worry/i.test(first.text.slice(0, 40))) return;
    first.text = `${opener}${state.locale === 'zh' ? '' : ' '}${first.text}`;
    state.memory.softenedTurn = state.turns;
  }

  function say(env: TurnEnvironment<Data>, key: string, vars: Record<string, unknown> = {}, extras: Parameters<typeof makeReply>[2] = {}): void {
    env.recorder.replies.push(makeReply(env, renderTemplate(pack.templates, env.state.locale, env.tone, key, vars), extras));
  }
}

const IDENTITY_ENTITIES = new Set(['email', 'phone', 'zip', 'person_name', 'user_id']);
/** Details one message may give once for several of its tasks. */
const SHARED_DETAILS = new Set(['address', 'zip']);

/**
 * The message without the clauses that belong to other (queued) tasks, so the first task does not pick up
 * their order ids, products or payment methods. Identity entities (email, phone, name, zip) stay: they are for all.
 */
// What a task costs ("挂号费多少钱", "how much is the fee"): a question about the task's terms, not a request for it.
const PRICE_WORDS = /费|多少钱|价格|价钱|收费|\b(fee|fees|cost|costs|price|charge|charges)\b/u;

/** The question a waiting skill asked, as `ask` keeps it (turn-context.ts). */
interface ChoicePrompt {
  awaiting: SlotName | null;
  quickReplies: Reply['quickReplies'];
  each?: boolean;
}

/** The previous message when this one leans on it and nothing has happened in between (see discourse-context.ts). */
function previousFor(state: ConversationState, u: Understanding): PreviousMessage | null {
  const previous = state.memory[PREVIOUS_MESSAGE] as PreviousMessage | undefined;
  return previous && previous.turn === state.turns - 1 && leansOnPrevious(u.text) ? previous : null;
}

function withoutClauses(u: Understanding, clauses: string[]): Understanding {
  let text = u.text;
  // Clauses may have been re-joined with a space where the message had none ("…微信； 3." for "…微信；3.").
  for (const clause of clauses) text = text.replace(new RegExp(clause.trim().split(/\s+/).map(escapeRegExp).join('\\s*')), ' ');
  const kept = u.entities.filter((e) => IDENTITY_ENTITIES.has(e.type) || text.includes(e.text));
  return { ...u, text: text.replace(/\s+/g, ' ').trim(), entities: kept };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function recordUnderstanding(events: EngineEvent[], u: Understanding, at: string): void {
  events.push({ type: 'message.received', at, data: { chars: u.text.length, locale: u.locale } });
  events.push({ type: 'intent.detected', at, data: { intent: u.intent, confidence: u.confidence, status: u.status, ranking: u.ranking.slice(0, 3) } });
  if (u.entities.length) events.push({ type: 'entities.extracted', at, data: { entities: u.entities.map((e) => ({ type: e.type, value: e.value })) } });
  events.push({ type: 'sentiment.detected', at, data: { ...u.sentiment } });
}

/** Keeps the sentiment trajectory and returns how many consecutive turns were angry. */
function trackSentiment(state: ConversationState, sentiment: Sentiment): number {
  const trajectory = [...((state.memory.sentiment as Array<{ p: number; e: string }> | undefined) ?? []), { p: Math.round(sentiment.polarity * 100) / 100, e: sentiment.emotion }].slice(-20);
  state.memory.sentiment = trajectory;
  let angry = 0;
  for (let i = trajectory.length - 1; i >= 0 && trajectory[i].e === 'anger'; i--) angry++;
  return angry;
}

const NEW_REQUEST_WORDS = /另|也要|也帮|还有|再帮|再把|其他|其它|别的|\b(also|another|other|too|as well)\b/;

/**
 * True when the message, the turn after a write with a payment was done, only says how to pay or be refunded
 * (a payment method, no order number, no word of a further request) — a restatement, not a new task.
 */
function restatesLastWrite(state: ConversationState, u: Understanding): boolean {
  const last = state.memory.lastWrite as { turn: number; paid: boolean } | undefined;
  if (!last?.paid || last.turn !== state.turns - 1) return false;
  if (!u.entities.some((e) => e.type === 'payment_method') || u.entities.some((e) => e.type === 'order_id')) return false;
  return u.normalized.length <= 40 && !NEW_REQUEST_WORDS.test(u.normalized) && !looksLikeQuestion(u.normalized);
}

function pickPendingChoice(state: ConversationState, u: Understanding): string | null {
  if (!state.pendingChoices.length) return null;
  const t = u.normalized.trim();
  const index = /^[12]$/.test(t) ? Number(t) - 1 : t === '第一个' ? 0 : t === '第二个' ? 1 : -1;
  if (index >= 0) return state.pendingChoices[index] ?? null;
  return state.pendingChoices.includes(u.intent ?? '') ? u.intent : null;
}

function summarize(state: ConversationState, u: Understanding): string {
  const parts = [`intent=${u.intent ?? 'unknown'}`, `customer=${state.customerId ?? 'anonymous'}`];
  if (state.flow) parts.push(`flow=${state.flow.name}`);
  parts.push(`last="${u.text.slice(0, 200)}"`);
  return parts.join('; ');
}

function starterQuickReplies<Data>(pack: PackDefinition<Data>, locale: Locale): Reply['quickReplies'] {
  const starters = (pack.templates[locale]['quick.starters'] as string | undefined)?.split('|') ?? [];
  return starters.map((label) => ({ label: label.trim(), payload: label.trim() })).filter((q) => q.label);
}
