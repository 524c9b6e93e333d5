import type { ChatMessage, CompletionChunk, CompletionRequest, LlmProvider } from '../../engine/llm/types.ts';
import { recogniseAddresses } from '../../engine/nlu/entities/address.ts';
import { recognisePersonNames } from '../../engine/nlu/entities/person-name.ts';

/** Contact data and identity numbers recognised in free text, each with the kind used in its placeholder. */
const TEXT_PATTERNS: Array<[string, RegExp]> = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ['id', /(?<!\d)\d{17}[\dXx](?!\d)/g],
  ['card', /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g],
  ['phone', /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g],
  // Landlines with an area code: 010-12345678, (021) 6234 5678, 0755 8888 6666.
  ['phone', /(?<![\dA-Za-z#])(?:\(0\d{2,3}\)|0\d{2,3})[ -]?\d{3,4}[ -]?\d{4}(?!\d)/g],
  ['phone', /\+\d[\d -]{7,14}\d/g],
  ['phone', /(?<![\d#-])\d{3}-\d{3}-\d{4}(?!\d)/g],
];

/** Keys of tool results and tool arguments whose values are about a person (τ-retail users and orders, pack backends). */
const PERSONAL_KEY = /^(?:first_?name|last_?name|full_?name|customer_?name|recipient|address\d?|street|city|state|province|district|country|zip|zip_?code|post_?code|postal_?code|email|phone|phone_?number|mobile|tel|birthday|date_of_birth|dob|id_?number|id_?card|user_?id|customer_?id|passport)$/i;
const PLACEHOLDER = /\[(?:email|id|card|phone|personal)_\d+\]/g;
/** An unfinished placeholder at the end of streamed text: held back until the next delta completes it. */
const PARTIAL_PLACEHOLDER = /\[[a-z]{0,8}(?:_\d*)?$/;
/** The system prompt's profile line (src/engine/llm/system-prompt.ts): only these facts stay in strict mode. */
const FACTS_LINE = /^(Conversation facts from the system \(JSON\): )(\{.*\})$/m;
const KEPT_FACTS = new Set(['authenticated', 'now']);

/** Reversible pseudonyms of one request: the same value gets the same placeholder in every message. */
class Pseudonyms {
  readonly #byValue = new Map<string, string>();
  readonly #byPlaceholder = new Map<string, string>();
  #count = 0;

  name(value: string, kind: string): string {
    // A placeholder is never named again: a placeholder for a placeholder would restore to a placeholder.
    if (this.#byPlaceholder.has(value)) return value;
    let placeholder = this.#byValue.get(value);
    if (!placeholder) {
      placeholder = `[${kind}_${++this.#count}]`;
      this.#byValue.set(value, placeholder);
      this.#byPlaceholder.set(placeholder, value);
    }
    return placeholder;
  }

  /** Free text: contact data by pattern, then every personal value already named (a name the tools returned …). */
  text(text: string): string {
    // Placeholders already in the text stay as they are; only the stretches between them are masked.
    return text.split(/(\[(?:email|id|card|phone|personal)_\d+\])/).map((piece, index) => (index % 2 ? piece : this.#maskPlain(piece))).join('');
  }

  #maskPlain(text: string): string {
    let masked = text;
    for (const [kind, pattern] of TEXT_PATTERNS) masked = masked.replace(pattern, (match) => this.name(match, kind));
    // Two Han characters are a name (张伟); two Latin letters are too often a word.
    const known = [...this.#byValue.keys()].filter((value) => value.length >= 3 || /^\p{Script=Han}{2}$/u.test(value)).sort((left, right) => right.length - left.length);
    // Longest first; a shorter value is not looked for inside a placeholder just written.
    for (const value of known) {
      masked = masked.split(/(\[(?:email|id|card|phone|personal)_\d+\])/).map((piece, index) => (index % 2 ? piece : piece.split(value).join(this.#byValue.get(value)!))).join('');
    }
    return masked;
  }

  /** JSON values: everything under a personal key is replaced, other strings are masked as text. */
  value(value: unknown, personal: boolean): unknown {
    if (typeof value === 'string') return personal && value.trim() ? this.name(value, 'personal') : this.text(value);
    if (typeof value === 'number' && personal) return this.name(String(value), 'personal');
    if (Array.isArray(value)) return value.map((item) => this.value(item, personal));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.value(item, personal || PERSONAL_KEY.test(key))]));
    }
    return value;
  }

  /** A JSON document (tool result, tool arguments) or, when it is not JSON, text. `personalResult`: its `result` is about a person. */
  document(content: string, personalResult = false): string {
    try {
      const parsed = JSON.parse(content) as unknown;
      if (personalResult && parsed && typeof parsed === 'object' && 'result' in parsed) {
        // The result is masked once, as personal; the envelope around it separately (masking the whole again named
        // the result's placeholders a second time).
        const { result, ...envelope } = parsed as Record<string, unknown>;
        return JSON.stringify({ ...(this.value(envelope, false) as Record<string, unknown>), result: this.value(result, true) });
      }
      return JSON.stringify(this.value(parsed, false));
    } catch {
      return this.text(content);
    }
  }

  restore(text: string, inJson = false): string {
    return text.replace(PLACEHOLDER, (placeholder) => {
      const value = this.#byPlaceholder.get(placeholder);
      if (value === undefined) return placeholder;
      return inJson ? JSON.stringify(value).slice(1, -1) : value;
    });
  }
}

/**
 * Names and postal addresses a customer types (我叫张伟, my name is yusuf rossi, 寄到浙江省杭州市西湖区文三路88号,
 * 445 Maple Drive, Mesa, AZ 85201), found by the engine's own recognisers. Addresses are taken part by part (street,
 * city, zip …) so the model can still fill an address form's fields with placeholders.
 */
export function typedPersonalValues(text: string): string[] {
  const values: string[] = [];
  for (const name of recognisePersonNames(text)) {
    values.push(name.text);
    for (const part of name.text.split(/\s+/)) if (part.length >= 3) values.push(part);
  }
  for (const address of recogniseAddresses(text)) {
    const parts = Object.entries(address.meta ?? {}).filter(([key, value]) => key !== 'country' && typeof value === 'string' && value.length >= 2).map(([, value]) => String(value));
    values.push(...(parts.length ? parts : [address.text]));
  }
  return values.filter((value) => value.trim().length >= 2);
}

function hasPersonalKey(json: string): boolean {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Boolean(parsed && typeof parsed === 'object' && Object.keys(parsed).some((key) => PERSONAL_KEY.test(key)));
  } catch {
    return false;
  }
}

function stripProfile(system: string): string {
  return system.replace(FACTS_LINE, (_line, prefix: string, json: string) => {
    try {
      const facts = JSON.parse(json) as Record<string, unknown>;
      return prefix + JSON.stringify(Object.fromEntries(Object.entries(facts).filter(([key]) => KEPT_FACTS.has(key))));
    } catch {
      return `${prefix}{}`;
    }
  });
}

/**
 * Strict privacy mode (a tenant switch): wraps a provider so that nothing personal leaves for the model. The system
 * prompt keeps no customer or conversation id; e-mail addresses, phone, card and ID numbers in any message, every value
 * under a personal key of a tool result or argument (names, addresses, user ids …), and those values wherever they recur
 * become placeholders such as `[email_1]`. The model works with placeholders; they are restored in the tool calls it makes
 * (so look-ups by e-mail still run on the real value) and in its text, on this side, before anyone sees it.
 * Names and addresses the customer types are caught by the engine's recognisers (a cue such as 我叫 / my name is, or an
 * address shape); a bare name with no cue ("张伟在吗") is not.
 */
export function createPrivacyProvider(inner: LlmProvider): LlmProvider {
  return {
    get model() {
      return inner.model;
    },
    describe: () => ({ ...inner.describe(), provider: `${inner.describe().provider} (strict privacy)` }),
    complete(request) {
      return run(inner, request);
    },
  };
}

async function* run(inner: LlmProvider, request: CompletionRequest): AsyncGenerator<CompletionChunk> {
  const names = new Pseudonyms();
  // A call with personal arguments (find_user_id_by_email …) returns something about that person: its result is personal too.
  const personalCalls = new Set<string>();
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) if (hasPersonalKey(call.function.arguments)) personalCalls.add(call.id);
  }
  // Names and addresses the customer typed are personal before any tool returns them.
  for (const message of request.messages) if (message.role === 'user') for (const value of typedPersonalValues(message.content)) names.name(value, 'personal');
  // Tool documents first, so that personal values they contain are known when the free text is masked.
  const tools = new Map<number, string>();
  request.messages.forEach((message, index) => {
    if (message.role === 'tool') tools.set(index, names.document(message.content, personalCalls.has(message.tool_call_id)));
  });
  const messages = request.messages.map((message, index): ChatMessage => {
    if (message.role === 'system') return { role: 'system', content: names.text(stripProfile(message.content)) };
    if (message.role === 'tool') return { ...message, content: tools.get(index)! };
    if (message.role === 'user') return { role: 'user', content: names.text(message.content) };
    return {
      ...message,
      content: message.content === null ? null : names.text(message.content),
      ...(message.tool_calls ? { tool_calls: message.tool_calls.map((call) => ({ ...call, function: { ...call.function, arguments: names.document(call.function.arguments) } })) } : {}),
    };
  });
  let held = '';
  for await (const chunk of inner.complete({ ...request, messages })) {
    if (chunk.type === 'text') {
      held += chunk.text;
      const partial = PARTIAL_PLACEHOLDER.exec(held);
      const cut = partial ? partial.index : held.length;
      if (cut > 0) {
        yield { type: 'text', text: names.restore(held.slice(0, cut)) };
        held = held.slice(cut);
      }
      continue;
    }
    if (held) {
      yield { type: 'text', text: names.restore(held) };
      held = '';
    }
    if (chunk.type === 'tool_calls') {
      yield { type: 'tool_calls', calls: chunk.calls.map((call) => ({ ...call, function: { ...call.function, arguments: names.restore(call.function.arguments, true) } })) };
    } else {
      yield chunk;
    }
  }
  if (held) yield { type: 'text', text: names.restore(held) };
}
