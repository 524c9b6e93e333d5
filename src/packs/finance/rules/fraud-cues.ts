import { normalize } from '../../../engine/text/normalize.ts';

/** Kinds of scam signal the bank's anti-fraud rules name. */
export type FraudCueKind = 'safe_account' | 'verification_code' | 'impersonation' | 'remote_control' | 'urgent_secret_transfer' | 'stranger_transfer' | 'guaranteed_returns';

/**
 * Deterministic scam patterns (telecom-fraud playbooks the police and banks publish): a "safe account", someone
 * asking for the SMS code, a caller posing as police or bank staff, screen sharing, urgency plus secrecy, paying a
 * stranger met online, guaranteed returns. Kept in code, not in templates, so they fire whatever the classifier says.
 */
export const FRAUD_PATTERNS: Record<FraudCueKind, RegExp> = {
  safe_account: /安全(账|帐)户|资金(核查|清查)账户|监管账户|\b(safe|secure|protected|holding) account\b/,
  verification_code: /(让|要|叫|问|找)我?.{0,12}(验证码|动态码|短信码|校验码)|(验证码|动态码|短信码).{0,10}(给|告诉|发给|报给|念给|提供给)(他|她|对方|客服|警察)|(asked|asking|asks|wants?|wanted|told me|needs?) (me )?(for |to (give|read|send|share|tell) )?(him |her |them )?(my |the )?(verification|security|one[- ]time|otp|sms|text) ?(code|pin|passcode|password)|(give|read|send|share|tell)( him| her| them)? (my |the )?(verification|otp|sms|one[- ]time) code/,
  impersonation: /(公安|警察|警官|检察院|检察官|法院|银保监|金融监管).{0,24}(转账|账户|资金|洗钱|配合调查|冻结)|(冒充|自称|假装).{0,8}(客服|警察|银行|公安)|\b(police|officer|detective|prosecutor|tax office|irs)\b.{0,50}\b(transfer|move|send|wire)\b|claim(s|ed|ing)? to be (from )?(the )?(bank|police)/,
  remote_control: /屏幕共享|共享屏幕|远程(控制|协助|操控)|下载.{0,10}(会议|远程|向日葵|zoom|腾讯会议)|向日葵|\b(teamviewer|anydesk)\b|\bscreen ?shar(e|ing)\b|\bremote (access|control|desktop)\b/,
  urgent_secret_transfer: /(不要|别|不许|不能).{0,6}告诉.{0,8}(家人|任何人|银行|别人)|保密.{0,10}(转账|汇款)|don'?t tell (anyone|the bank|my (family|wife|husband))|(keep|kept) (it |this )?(a )?secret/,
  stranger_transfer: /(网友|网恋|陌生人|不认识的人|刚认识|交友软件).{0,20}(转账|汇款|打钱|借钱|投资)|(转账|汇款|打钱).{0,12}(网友|陌生人|不认识的人)|(someone|a man|a woman|a guy|a friend) i (met|only know) online|(online|dating app) (friend|boyfriend|girlfriend|match).{0,40}(send|transfer|wire|money)/,
  guaranteed_returns: /(稳赚不赔|保本保息|零风险).{0,12}(高收益|高回报|翻倍|收益)|刷单返利|内幕消息.{0,10}(股票|投资)|\bguaranteed (high )?(returns?|profits?)\b|\bdouble (my|your) money\b|\brisk[- ]free (returns?|profits?)\b/,
};

/** The scam cues in a message, in a fixed order (empty when none). */
export function detectFraudCues(text: string): FraudCueKind[] {
  const normalized = normalize(text);
  return (Object.keys(FRAUD_PATTERNS) as FraudCueKind[]).filter((kind) => FRAUD_PATTERNS[kind].test(normalized));
}

/** One pattern for the pack's intent hints: any cue routes the message to the fraud warning. */
export const FRAUD_HINT = new RegExp(Object.values(FRAUD_PATTERNS).map((pattern) => `(?:${pattern.source})`).join('|'));

/** Amount from which a transfer asked for in chat counts as unusual (CNY), and share of the balance. */
export const LARGE_TRANSFER = 50_000;
export const LARGE_SHARE_OF_BALANCE = 0.8;

/**
 * Whether a transfer request is unusual enough for a person to look at before anything moves: scam cues,
 * a large amount, or most of the customer's balance.
 */
export function unusualTransfer(text: string, amount: number | null, balance: number | null): { unusual: boolean; cues: string[] } {
  const cues: string[] = detectFraudCues(text);
  if (amount !== null && amount >= LARGE_TRANSFER) cues.push('large_amount');
  if (amount !== null && balance !== null && balance > 0 && amount >= balance * LARGE_SHARE_OF_BALANCE) cues.push('most_of_balance');
  return { unusual: cues.length > 0, cues };
}
