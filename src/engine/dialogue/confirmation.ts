import { normalize } from '../text/normalize.ts';

// Rules, not the classifier: confirmation decides whether data changes, so it must be predictable.
// "Yes" = the message starts with a yes-phrase followed by a boundary, has no "no" signal and is not a question.
const YES_EN = /^(yes|yeah|yep|yup|sure|ok|okay|correct|right|confirm(ed)?|go ahead|please do|please proceed|proceed|do it|that'?s (right|correct|fine|it)|absolutely|of course|definitely|sounds good|alright|fine|y|please)(?=$|[\s,.!;:])/;
const YES_ZH = /^(是的?|对的?(?!不起|了)|好的?|嗯+|行|可以|确认|没问题|没错|正确|对呀|是啊|好啊|确定|同意|ok)(?=$|[\s,.!;:，。！；、~]|谢|请|麻烦|确认|就|吧|啊|呀|的|了|执行|办理|处理|提交|帮我|继续|对|好|行|是|可以|没问题|改|取消|退)/;
const NO_EN = /^(no|nope|nah|not (now|yet|really)|don'?t|do not|cancel|stop|wait|hold on|never ?mind|n)(?=$|[\s,.!;:])/;
const NO_ZH = /^(不|别|算了|取消|等一下|等等|先不|没有|否)/;
const QUESTION = /[?？]$|吗$|么$/;

function prepare(text: string): string {
  return normalize(text).replace(/^[\s,.!，。！、~]+/, '').replace(/^(um+|uh+|well|hmm+|oh|ah|嗯嗯|呃|额|那|哦)[\s,，]*/, '');
}

/** True when the customer's message is an explicit "yes" (see the rules above). */
export function isAffirmative(text: string): boolean {
  const t = prepare(text);
  if (isNegative(text) || QUESTION.test(t)) return false;
  return YES_EN.test(t) || YES_ZH.test(t);
}

/** True when the message starts with a refusal ("no", "不用", "算了" …). */
export function isNegative(text: string): boolean {
  const t = prepare(text);
  return NO_EN.test(t) || NO_ZH.test(t);
}
