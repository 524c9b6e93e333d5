import { normalize } from '../text/normalize.ts';

// Rules, not the classifier: confirmation decides whether data changes, so it must be predictable.
// A message is read clause by clause. It is a "yes" only when some clause says yes, no clause says no, takes the yes
// back ("好的，不过我改主意了，不要取消", "yes, actually no", "ok wait") or adds another request ("sure, and also
// cancel …"), and the message is not itself a question about the recap. A question after the yes ("确认，退款几天到账？")
// is a side question: the yes stands.

const YES_EN = /^(yes+|yeah|yea|ya|yep|yup|sure|ok|okay|k|correct|right|confirm(ed)?|i confirm|go ahead|go for it|please do|please proceed|proceed|do it|let'?s do it|that'?s (right|correct|fine|it|good|perfect)|that works|works for me|looks (good|right|correct)|sounds (good|right|great)|absolutely|of course|definitely|exactly|perfect|great|alright|all right|fine|y|please|affirmative)(?=$|[\s,.!;:])/;
const YES_ZH_WORD = '是的?|是这样|对的?|对啊|对呀|好的?|好啊|好嘞|嗯+|行|行吧|可以|确认|确定|没问题|没错|正确|同意|ok|就这么办|就这样|办吧|弄吧|麻烦了';
/** A Chinese yes-word followed by a boundary or by words that continue a yes ("确认无误", "可以，改吧", "嗯对"). */
const YES_ZH = new RegExp(`^(${YES_ZH_WORD})(?=$|[\\s,.!;:，。！；、~]|${YES_ZH_WORD}|无误|谢|请|麻烦|就|吧|啊|呀|哈|啦|嘞|的|了|执行|办|处理|提交|帮我|给我|继续|改|退|换|取消|按)`);
const NOT_YES_ZH = /^(对不起|对了|好几|好多|好像|好久|行不行|是不是|可以吗|可不可以|好不好|对不对|确定吗)/;
const NO_EN = /^(no|nope|nah|not (now|yet|really)|don'?t|do not|cancel that|stop|wait|hold on|hang on|never ?mind|n|negative)(?=$|[\s,.!;:])/;
const NO_ZH = /^(不|别|算了|等一下|等等|先不|没有|否|错了|搞错)/;
/** Words, anywhere after the first clause, that take a yes back or put it on hold. */
const RETRACT_EN = /\b(no|nope|don'?t|do not|never ?mind|wait|hold on|hang on|actually|changed? my mind|on second thought|scratch that|not yet|not now|rather not|stop)\b/;
const RETRACT_ZH = /不要|别(?!的|人)|不用|改主意|算了|等一下|等等|稍等|先不|再想想|还是不|不对|错了|搞错|不办|不退|不换|不改|不取消|暂时不|先别|慢着|且慢|不行/;
/** "no problem", "no worries", "不用谢" are not retractions. */
const BENIGN_NO = /\bno (problem|worries)\b|不用谢|没问题/g;
/** A clause that starts another request: "and also cancel …", "…my other order", "还有…也帮我退了" — not "yes, go ahead and cancel it". */
const AMEND = /\b(also|another thing|one more thing|as well|too)\b|\b(my|the) (other|second|next) (order|one|item)\b|^(还有|另外|顺便|再帮我|然后再|并且|同时)|(也|再)(帮我)?(取消|退|换|改)|(另一|另外一|其他)(个|单|件)/;
const QUESTION = /[?？]\s*$|[吗么呢]\s*$/;
const CLAUSE = /[,，.。!！;；、\n…]+|\s+[-—–]+\s+|—+|(?<=\p{Script=Han})\s+(?=\p{Script=Han})|\s+(?=but\b|however\b|though\b|actually\b|wait\b|and also\b|no\b|nope\b|hold on\b|how\b|when\b|what\b|will\b|can\b)|(?=不过|但是|可是|只是)/u;

export type ConfirmationVerdict = 'yes' | 'no' | 'unclear';

export interface ConfirmationReading {
  verdict: ConfirmationVerdict;
  /** Why a message that opened with a yes is not one: it takes the yes back, adds a request, or asks about the recap. */
  reason?: 'retracted' | 'amended' | 'question';
}

function prepare(text: string): string {
  return normalize(text).replace(/^[\s,.!，。！、~]+/, '').replace(/^(um+|uh+|well|hmm+|oh|ah|嗯嗯(?=[，,\s])|呃|额|那|哦)[\s,，]*/, '');
}

function clauseIsYes(clause: string): boolean {
  if (NOT_YES_ZH.test(clause)) return false;
  return YES_EN.test(clause) || YES_ZH.test(clause);
}

/**
 * Reads a reply to "shall I go ahead?" as yes, no or unclear (see the rules at the top of this file).
 *
 * @example readConfirmation('好的，不过我改主意了，不要取消') // { verdict: 'no', reason: 'retracted' }
 * @example readConfirmation('确认无误，请办理，退款几天到账？') // { verdict: 'yes' }
 */
export function readConfirmation(text: string): ConfirmationReading {
  const t = prepare(text);
  if (!t) return { verdict: 'unclear' };
  const clauses = t.split(CLAUSE).map((clause) => prepare(clause)).filter(Boolean);
  const [first, ...rest] = clauses;
  if (NO_EN.test(first) || (NO_ZH.test(first) && !/^不错|^不客气|^不用谢/.test(first))) return { verdict: 'no' };
  const yesAt = clauses.findIndex(clauseIsYes);
  if (yesAt < 0) return { verdict: 'unclear' };
  const after = clauses.slice(yesAt + 1).map((clause) => clause.replace(BENIGN_NO, ''));
  if (after.some((clause) => RETRACT_EN.test(clause) || RETRACT_ZH.test(clause))) return { verdict: 'no', reason: 'retracted' };
  // Before the yes: only a neutral lead-in ("I checked the address, yes go ahead"), never a refusal.
  if (clauses.slice(0, yesAt).some((clause) => RETRACT_EN.test(clause) || RETRACT_ZH.test(clause))) return { verdict: 'unclear', reason: 'retracted' };
  if (after.some((clause) => AMEND.test(clause))) return { verdict: 'unclear', reason: 'amended' };
  // "可以吗？" / "ok?" asks whether it is fine: no yes. A question in a later clause is a side question.
  if (clauses.length === 1 && QUESTION.test(t)) return { verdict: 'unclear', reason: 'question' };
  if (rest.length === 0 && QUESTION.test(first)) return { verdict: 'unclear', reason: 'question' };
  return { verdict: 'yes' };
}

/** True when the customer's message is an explicit, complete "yes" (see readConfirmation). */
export function isAffirmative(text: string): boolean {
  return readConfirmation(text).verdict === 'yes';
}

/** True when the message refuses or takes back a yes ("no", "不用", "算了", "ok, actually don't"). */
export function isNegative(text: string): boolean {
  return readConfirmation(text).verdict === 'no';
}
