import type { ReasonItem } from '../store/types.ts';

export type Employment = 'civil_servant' | 'full_time' | 'self_employed' | 'freelance' | 'retired' | 'student' | 'unemployed';

export interface PrescreenInput {
  /** Pre-tax monthly income, CNY. */
  monthlyIncome: number;
  employment: Employment;
  /** Monthly repayments on existing loans and cards, CNY. */
  monthlyDebt: number;
}

export interface PrescreenResult {
  /** Logistic score: estimated probability that the application is sound, 0–1. */
  score: number;
  /** Hard rules that fired (they decide before the score does). */
  ruleHits: string[];
  /** Each factor's contribution to the log-odds, largest effect first — what the officer reads. */
  reasons: ReasonItem[];
  recommendation: 'approve' | 'refer' | 'decline';
}

const EMPLOYMENT_WEIGHT: Record<Employment, number> = {
  civil_servant: 1.0, full_time: 0.8, retired: 0.3, self_employed: 0.1, freelance: -0.3, student: -1.2, unemployed: -2.0,
};

/** Reference monthly income (CNY) where the income term is zero; each doubling adds INCOME_WEIGHT. */
export const REFERENCE_INCOME = 8_000;
const INTERCEPT = 0.6;
const INCOME_WEIGHT = 1.1;
const DEBT_RATIO_WEIGHT = -3;
export const APPROVE_FROM = 0.75;
export const REFER_FROM = 0.4;

/**
 * Credit-card pre-screen: hard rules, then a logistic score over income, debt-to-income ratio and employment with
 * each factor's contribution as the reason. The result is a recommendation for a credit officer, never a decision
 * the bot announces as final.
 *
 * @example prescreen({ monthlyIncome: 20000, employment: 'full_time', monthlyDebt: 2000 }).recommendation // 'approve'
 */
export function prescreen(input: PrescreenInput): PrescreenResult {
  const income = Math.max(0, input.monthlyIncome);
  const debtRatio = income > 0 ? input.monthlyDebt / income : input.monthlyDebt > 0 ? Infinity : 0;
  const ruleHits: string[] = [];
  if (income < 2_000 && input.employment !== 'student') ruleHits.push('income_below_minimum');
  if (input.employment === 'unemployed') ruleHits.push('no_stable_income');
  if (debtRatio > 0.7) ruleHits.push('debt_ratio_above_70');
  if (input.employment === 'student') ruleHits.push('student_card_rules');

  const incomeTerm = INCOME_WEIGHT * Math.log2(Math.max(income, 500) / REFERENCE_INCOME);
  const debtTerm = DEBT_RATIO_WEIGHT * Math.min(debtRatio, 2);
  const employmentTerm = EMPLOYMENT_WEIGHT[input.employment];
  const logit = INTERCEPT + incomeTerm + debtTerm + employmentTerm;
  const score = 1 / (1 + Math.exp(-logit));
  const round = (value: number) => Math.round(value * 100) / 100;
  const reasons: ReasonItem[] = [
    { factor: 'monthly_income', value: String(income), contribution: round(incomeTerm) },
    { factor: 'debt_to_income', value: `${Math.round(Math.min(debtRatio, 9.99) * 100)}%`, contribution: round(debtTerm) },
    { factor: 'employment', value: input.employment, contribution: round(employmentTerm) },
  ].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));

  const declineRules = ruleHits.filter((rule) => rule !== 'student_card_rules');
  const recommendation = declineRules.length ? 'decline' : ruleHits.length ? 'refer' : score >= APPROVE_FROM ? 'approve' : score >= REFER_FROM ? 'refer' : 'decline';
  return { score: Math.round(score * 1000) / 1000, ruleHits, reasons, recommendation };
}

const EMPLOYMENT_WORDS: Array<[Employment, RegExp]> = [
  ['unemployed', /无业|失业|待业|没(有)?工作|没上班|unemployed|out of work|no job|between jobs|not working/],
  ['student', /学生|在校|读书|大学生|研究生|student|at (university|college)/],
  ['retired', /退休|retired|pension/],
  ['civil_servant', /公务员|事业单位|国企|机关|civil servant|government (job|employee)|public sector/],
  ['freelance', /自由职业|兼职|零工|外卖|网约车|freelanc|gig|part[- ]time|contractor/],
  ['self_employed', /个体|自己(开|做)|老板|创业|经营|self[- ]employed|own (a |my own )?business|business owner/],
  ['full_time', /全职|上班|在职|公司|单位|员工|正式|打工|full[- ]time|employed|employee|salaried|work (at|for)|permanent/],
];

/** The employment category a free-text answer names ("在国企上班" → civil_servant), or null. */
export function parseEmployment(text: string): Employment | null {
  const t = text.toLowerCase();
  return EMPLOYMENT_WORDS.find(([, pattern]) => pattern.test(t))?.[0] ?? null;
}
