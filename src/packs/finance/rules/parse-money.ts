/**
 * Reads an amount of money from free text in Chinese or English ("2万", "1.5w", "15,000元", "$8k", "没有" → 0).
 * The shared extractor reads "2万" as the number 2; income and debt answers need the real figure.
 * Returns null when the text holds no amount.
 */
export function parseMoney(text: string): number | null {
  const t = text.replace(/[,，](?=\d{3})/g, '').toLowerCase();
  if (/^\s*(没有|无|零|0|没|不欠|没有负债|none|no(ne)?( debt)?|nothing|zero)\s*[。.!！]?\s*$/.test(t) || /没有(任何)?(负债|贷款|欠款|月供)|无负债|no (existing )?(debts?|loans?)|debt[- ]free/.test(t)) return 0;
  const match = /(\d+(?:\.\d+)?)\s*(万|w|千|k|元|块|rmb|yuan|cny|usd)?/.exec(t.replace(/[¥$￥]/g, ''));
  if (!match) {
    // "一千五" = 1,500 and "两万五" = 25,000: a digit after the unit counts one order of magnitude lower.
    const chinese = /([一二两三四五六七八九十]+)\s*(万|千)([一二两三四五六七八九])?/.exec(t);
    if (!chinese) return null;
    const unit = chinese[2] === '万' ? 10_000 : 1_000;
    return chineseNumber(chinese[1]) * unit + (chinese[3] ? chineseNumber(chinese[3]) * unit / 10 : 0);
  }
  const value = Number(match[1]);
  const unit = match[2];
  if (unit === '万' || unit === 'w') return Math.round(value * 10_000);
  if (unit === '千' || unit === 'k') return Math.round(value * 1_000);
  return value;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(text: string): number {
  if (text === '十') return 10;
  const [tens, ones] = text.split('十');
  if (text.includes('十')) return (tens ? DIGITS[tens] ?? 1 : 1) * 10 + (ones ? DIGITS[ones] ?? 0 : 0);
  return DIGITS[text] ?? 0;
}
