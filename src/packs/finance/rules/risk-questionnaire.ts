import type { Localized } from '../../../engine/types.ts';
import type { CustomerRiskLevel } from '../store/types.ts';

export interface RiskQuestion {
  id: string;
  text: Localized;
  /** Options A–D with their points. */
  options: Array<{ label: Localized; points: number }>;
}

/**
 * The suitability questionnaire (风险承受能力评估), in the shape Chinese banks use: five questions, options A–D,
 * points summed into C1–C5, with knock-out rules a score cannot override.
 */
export const RISK_QUESTIONS: RiskQuestion[] = [
  { id: 'age', text: { zh: '您的年龄段是？', en: 'What is your age group?' }, options: [
    { label: { zh: '65 岁以上', en: 'Over 65' }, points: 1 },
    { label: { zh: '51–65 岁', en: '51–65' }, points: 2 },
    { label: { zh: '18–30 岁', en: '18–30' }, points: 3 },
    { label: { zh: '31–50 岁', en: '31–50' }, points: 4 },
  ] },
  { id: 'experience', text: { zh: '您的投资经验是？', en: 'How much investment experience do you have?' }, options: [
    { label: { zh: '只存过银行存款', en: 'Only bank deposits' }, points: 1 },
    { label: { zh: '买过银行理财或债券基金', en: 'Bank wealth products or bond funds' }, points: 2 },
    { label: { zh: '买过股票或股票基金（3 年以内）', en: 'Stocks or equity funds (under 3 years)' }, points: 3 },
    { label: { zh: '3 年以上股票、期货等投资经验', en: 'Over 3 years of stocks, futures and the like' }, points: 4 },
  ] },
  { id: 'horizon', text: { zh: '这笔资金您计划投资多久？', en: 'How long do you plan to invest this money?' }, options: [
    { label: { zh: '1 年以内', en: 'Under 1 year' }, points: 1 },
    { label: { zh: '1–3 年', en: '1–3 years' }, points: 2 },
    { label: { zh: '3–5 年', en: '3–5 years' }, points: 3 },
    { label: { zh: '5 年以上', en: 'Over 5 years' }, points: 4 },
  ] },
  { id: 'loss', text: { zh: '您能接受的最大本金亏损是？', en: 'What is the largest loss of principal you could accept?' }, options: [
    { label: { zh: '不能接受任何本金亏损', en: 'No loss of principal at all' }, points: 1 },
    { label: { zh: '10% 以内', en: 'Up to 10%' }, points: 2 },
    { label: { zh: '10%–30%', en: '10%–30%' }, points: 3 },
    { label: { zh: '30% 以上', en: 'More than 30%' }, points: 4 },
  ] },
  { id: 'share', text: { zh: '计划投资的金额占您家庭金融资产的比例是？', en: 'What share of your household financial assets is this money?' }, options: [
    { label: { zh: '70% 以上', en: 'Over 70%' }, points: 1 },
    { label: { zh: '50%–70%', en: '50%–70%' }, points: 2 },
    { label: { zh: '20%–50%', en: '20%–50%' }, points: 3 },
    { label: { zh: '20% 以下', en: 'Under 20%' }, points: 4 },
  ] },
];

export interface RiskResult {
  score: number;
  level: CustomerRiskLevel;
  /** Knock-out rules that capped the level ('loss_intolerant', 'short_horizon', 'senior'). */
  caps: string[];
}

const LEVELS: CustomerRiskLevel[] = ['C1', 'C2', 'C3', 'C4', 'C5'];

/**
 * Scores answers ('A'…'D', one per question) into a customer risk level. Points 5–20: ≤ 7 C1, ≤ 10 C2, ≤ 14 C3,
 * ≤ 17 C4, else C5. Caps: no loss accepted → C1; horizon under a year → at most C2; over 65 → at most C3.
 */
export function scoreRiskAnswers(answers: string[]): RiskResult {
  if (answers.length !== RISK_QUESTIONS.length) throw new RangeError(`expected ${RISK_QUESTIONS.length} answers, got ${answers.length}`);
  const index = answers.map((answer) => 'ABCD'.indexOf(answer.toUpperCase()));
  if (index.some((i) => i < 0)) throw new RangeError('answers must be A, B, C or D');
  const score = index.reduce((sum, i, q) => sum + RISK_QUESTIONS[q].options[i].points, 0);
  let level = score <= 7 ? 0 : score <= 10 ? 1 : score <= 14 ? 2 : score <= 17 ? 3 : 4;
  const caps: string[] = [];
  const cap = (max: number, reason: string) => { if (level > max) { level = max; caps.push(reason); } };
  if (index[3] === 0) cap(0, 'loss_intolerant');
  if (index[2] === 0) cap(1, 'short_horizon');
  if (index[0] === 0) cap(2, 'senior');
  return { score, level: LEVELS[level], caps };
}

/**
 * Answers in a message: letters A–D or digits 1–4 standing alone ("B", "选C", "1 3 2", "a, c, d").
 * Several answers in one message fill several questions in order.
 */
export function parseRiskAnswers(text: string): string[] {
  const t = text.toUpperCase().replace(/我选|选项|选|答案是?|OPTION|I(')?LL (CHOOSE|PICK|GO WITH)|I CHOOSE|I PICK|ANSWERS?( IS| ARE)?/g, ' ').trim();
  if (!t || !/^[A-D1-4\s,，、;；.。:：]+$/.test(t)) return [];
  return [...t.replace(/[^A-D1-4]/g, '')].map((letter) => (/\d/.test(letter) ? 'ABCD'[Number(letter) - 1] : letter));
}

/** The option (A–D) whose wording the message repeats ("31–50 岁", "only bank deposits"), or null. */
export function matchOptionLabel(question: RiskQuestion, text: string): string | null {
  const t = text.toLowerCase().replace(/\s+/g, '');
  const index = question.options.findIndex((option) => [option.label.zh, option.label.en].some((label) => t.includes(label.toLowerCase().replace(/\s+/g, ''))));
  return index >= 0 ? 'ABCD'[index] : null;
}
