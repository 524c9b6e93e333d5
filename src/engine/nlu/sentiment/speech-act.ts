/**
 * Messages whose words sound negative to a model trained on product reviews but that express no feeling (issue 28
 * item 5): asking for a person ("我要找人工客服", "talk to a human"), declining ("不需要了", "no thanks"), and short yes/no
 * questions ("你们招聘吗", "are you hiring?"). The analyzer damps their polarity (the sign stays) unless the lexicon
 * finds real negative words in them, so "气死我了，我要找人工" stays negative.
 *
 * Input is `normalize()`d text: lower case, NFKC (full-width punctuation is ASCII), simplified Chinese.
 */
export type SpeechAct = 'request' | 'refusal' | 'question' | 'task';

const REQUEST = /(转|找|接|要|联系|叫)(个|一下)?(人工|真人|客服)|人工客服|真人|\b(talk|speak|chat|connect)\b.{0,20}\b(human|person|agent|representative|someone|operator)\b|\b(real person|live agent|human agent)\b/;
const REFUSAL = /^(好的?,?)?(不(需要|用|要|必|买)了?|算了|没事了?|不办了)(,?(谢谢|谢了)?)[。.!~]*$|^(no,? thanks?( you)?|no need|never ?mind|not (needed|interested)|i (do not|don't) need (it|that|this)( any ?more)?)[.!]*$/;
const YES_NO_QUESTION = /^.{1,16}(吗|么)\??[。]?$|^(are|is|do|does|can|could|will|would)\b[^?]{0,40}\?$/;

// Asking the service to do or look something up ("付款改成支付宝", "那单一共花了多少", "please update my address"): a
// task, not a feeling — unless the lexicon finds negative words in it ("气死了，赶紧给我退款").
const TASK = /帮我|帮忙|麻烦|请|改成|换成|改为|换为|改一下|改下|查一下|查下|一共|多少钱|花了多少|付了多少|什么时候|哪天|取消|退到|退回|差价|\b(please|change|update|cancel|switch|swap|exchange|how much|when will|where is|what is|could you|can you)\b/;

/** The kind of neutral speech act a message is, or null. */
export function speechAct(normalized: string): SpeechAct | null {
  if (REFUSAL.test(normalized)) return 'refusal';
  if (normalized.length <= 40 && REQUEST.test(normalized)) return 'request';
  if (YES_NO_QUESTION.test(normalized)) return 'question';
  if (TASK.test(normalized)) return 'task';
  return null;
}

/**
 * The lexicon valence (AFINN scale, after negation) above which a speech act is taken at face value: questions must
 * carry no negative word at all; a request or refusal may carry a mild one ("no" in "no thanks" is −1).
 */
export const SPEECH_ACT_VALENCE_FLOOR: Record<SpeechAct, number> = { question: -0.5, request: -1.5, refusal: -1.5, task: -0.5 };
