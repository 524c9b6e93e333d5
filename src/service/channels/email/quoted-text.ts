/**
 * Reply headers that introduce the quoted earlier message, one per mail-client family. Everything from such a line
 * on is history the customer did not write in this email.
 */
const replyHeaders: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird (en): "On Mon, 3 Mar 2025 at 10:02, Lingxi <support@shop.example> wrote:"
  /^On\s.+\bwrote:\s*$/i,
  // Gmail / Apple Mail (zh): "在 2025年3月3日周一 10:02，灵犀客服 <support@shop.example> 写道：", "2025年3月3日 10:02，张三 写道："
  /写道\s*[:：]\s*$/,
  // Outlook (en and zh), Foxmail, QQ Mail and NetEase separators
  /^-{2,}\s*(Original Message|Forwarded by|原始邮件|原邮件|回复的原邮件)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
  // Outlook header blocks without a separator: "From: …" followed by "Sent:"/"Date:" — checked with the next line below.
];

/** Outlook-style quoted header block: a From line followed within two lines by Sent/Date/To (en or zh). */
const headerBlockStart = /^\s*\*?(From|发件人)\s*\*?\s*[:：]/i;
const headerBlockNext = /^\s*\*?(Sent|Date|To|Subject|发送时间|日期|收件人|主题)\s*\*?\s*[:：]/i;

/** Signature delimiters and mobile-client footers; the signature is cut from the first one on. */
const signatureLines: RegExp[] = [
  /^--\s?$/,
  /^(Sent from my (iPhone|iPad|Android|mobile device|Galaxy|Huawei)|Sent from Mail for Windows|Get Outlook for (iOS|Android))\b/i,
  /^(发自我的\s?(iPhone|iPad|华为手机|小米手机|手机)|从我的\s?(iPhone|iPad)\s?发送|发自网易邮箱大师|发自手机QQ邮箱|来自\s?钉钉专属商务邮箱)/i,
];

/**
 * The part of an email body the sender wrote now: quoted history ("On … wrote:", "在 … 写道：", "-----Original
 * Message-----", "------------------ 原始邮件 ------------------", Outlook "From:/Sent:" blocks, "发件人:" blocks and
 * ">"-quoted lines) and signatures ("-- ", "Sent from my iPhone", "发自我的iPhone") removed, trailing blank lines trimmed.
 * Interleaved answers between ">" quotes are kept. Returns "" when the email holds nothing but history.
 *
 * @example stripQuotedText('好的，谢谢\n\n在 2025年3月3日 10:02，客服 写道：\n> 您好') // → '好的，谢谢'
 */
export function stripQuotedText(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const trimmed = line.trim();
    const joined = `${trimmed} ${lines[index + 1]?.trim() ?? ''}`.trim();
    if (replyHeaders.some((pattern) => pattern.test(trimmed))) break;
    // "On … <x@y>\nwrote:" — clients wrap the header when the sender's name is long.
    if (/^On\s/i.test(trimmed) && !/wrote:\s*$/i.test(trimmed) && /^On\s.+\bwrote:\s*$/i.test(joined)) break;
    if (headerBlockStart.test(line) && lines.slice(index + 1, index + 3).some((next) => headerBlockNext.test(next))) break;
    if (signatureLines.some((pattern) => pattern.test(trimmed))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line.replace(/\s+$/, ''));
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
