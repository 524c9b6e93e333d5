/**
 * System-prompt echo (issue 22 item 3: a model printed 700 characters of its system message). A code-level check on
 * the reply, whatever the prompt says: the reply is compared with the system message in overlapping character
 * windows (shingles) after folding case and spacing.
 * - The engine's own part (persona, the enforced rules, the conversation-facts line) is never quoted: any verbatim
 *   run of `maxEngineRun` characters blocks the reply.
 * - The business policy may be quoted a sentence at a time (customers ask "what is your policy on …"), but not dumped:
 *   more than `maxPolicyChars` characters of the reply copied from it block the reply.
 * Hand-written: a few lines of shingling; no dependency does this for mixed Chinese/English text.
 */
export interface EchoLimits {
  maxEngineRun: number;
  maxPolicyChars: number;
}

export const DEFAULT_ECHO_LIMITS: EchoLimits = { maxEngineRun: 40, maxPolicyChars: 240 };

const WINDOW = 16;

export interface ProtectedPrompt {
  /** Text the engine wrote: persona, rules, facts. */
  engine: string;
  /** The pack's policy. */
  policy: string;
}

export interface EchoFinding {
  /** Longest verbatim run from the engine's part, and characters copied from the policy (folded text). */
  engineRun: number;
  policyChars: number;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

/** Shingle sets of recent prompts: the policy and most of the engine text repeat on every step of every turn. */
const recent = new Map<string, Set<string>>();
const RECENT_LIMIT = 16;

function shingles(text: string): Set<string> {
  const cached = recent.get(text);
  if (cached) return cached;
  const folded = fold(text);
  const set = new Set<string>();
  for (let index = 0; index + WINDOW <= folded.length; index++) set.add(folded.slice(index, index + WINDOW));
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(text, set);
  return set;
}

/** Per-character coverage of `reply` by windows of `source`: the longest covered run and the covered count. */
function coverage(reply: string, source: Set<string>): { run: number; covered: number } {
  const covered = new Uint8Array(reply.length);
  for (let index = 0; index + WINDOW <= reply.length; index++) {
    if (source.has(reply.slice(index, index + WINDOW))) covered.fill(1, index, index + WINDOW);
  }
  let run = 0;
  let longest = 0;
  let total = 0;
  for (const mark of covered) {
    run = mark ? run + 1 : 0;
    total += mark;
    longest = Math.max(longest, run);
  }
  return { run: longest, covered: total };
}

/**
 * A checker bound to one system prompt (shingles built once, reused for every streamed piece).
 * Returns null when the reply is fine, else what was copied.
 */
export function createEchoCheck(prompt: ProtectedPrompt, limits: EchoLimits = DEFAULT_ECHO_LIMITS): (reply: string) => EchoFinding | null {
  const engine = shingles(prompt.engine);
  const policy = shingles(prompt.policy);
  return (reply) => {
    const folded = fold(reply);
    if (folded.length < WINDOW) return null;
    const engineRun = coverage(folded, engine).run;
    const policyChars = coverage(folded, policy).covered;
    return engineRun >= limits.maxEngineRun || policyChars > limits.maxPolicyChars ? { engineRun, policyChars } : null;
  };
}
