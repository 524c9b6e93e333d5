import type { Skill } from '../../../engine/pack.ts';
import { answersFromFreeText } from '../rules/risk-free-text.ts';
import { matchOptionLabel, parseRiskAnswers, RISK_QUESTIONS, scoreRiskAnswers } from '../rules/risk-questionnaire.ts';
import type { BankDb, RiskAssessment } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, type BankSkillContext } from './bank-skill-context.ts';

/** Set by the recommendation skill: after the assessment, go back to suggesting products. */
export const RECOMMEND_AFTER_ASSESSMENT = 'recommendAfterAssessment';

type Answers = Record<string, string>;

function askQuestion(ctx: BankSkillContext, index: number): void {
  const question = RISK_QUESTIONS[index];
  const options = question.options.map((option, i) => `${'ABCD'[i]}. ${option.label[ctx.locale]}`);
  ctx.ask('option', 'risk.question', { number: index + 1, total: RISK_QUESTIONS.length, question: question.text[ctx.locale], options: options.join('\n') }, {
    quickReplies: options.map((label, i) => ({ label, payload: 'ABCD'[i] })),
  });
}

const nextQuestion = (answers: Answers) => RISK_QUESTIONS.findIndex((question) => !answers[question.id]);

/**
 * Answers this message gives: option letters for the questions in order ("B", "D D A C B") or an option's wording
 * for the question just asked; otherwise whatever the customer's own description of their situation answers,
 * for any question ("我五十多了，退休了，亏一点都睡不着" → age, loss). Returns the ids read from a description.
 */
function readAnswers(ctx: BankSkillContext, answers: Answers): { picked: boolean; described: string[] } {
  if (ctx.awaiting === 'option') {
    const letters = parseRiskAnswers(ctx.turn.text);
    for (const letter of letters) {
      const index = nextQuestion(answers);
      if (index < 0) break;
      answers[RISK_QUESTIONS[index].id] = letter;
    }
    if (letters.length) return { picked: true, described: [] };
    const index = nextQuestion(answers);
    const byLabel = index >= 0 ? matchOptionLabel(RISK_QUESTIONS[index], ctx.turn.text) : null;
    if (byLabel) { answers[RISK_QUESTIONS[index].id] = byLabel; return { picked: true, described: [] }; }
  }
  // A later statement replaces an earlier one ("不对，我其实六十七了").
  const found = answersFromFreeText(ctx.turn.normalized);
  Object.assign(answers, found);
  return { picked: false, described: Object.keys(found) };
}

/**
 * The risk-tolerance questionnaire (C1–C5): five questions, answered one at a time by letter, several letters at
 * once, or in the customer's own words (each question a description answers is filled and read back, the rest
 * asked). The level is computed by the rules and saved once all five are answered — the answers are the customer's
 * own declaration — with the result, the reason for any cap, and how to redo it.
 */
export const riskAssessmentSkill: Skill<BankDb> = {
  name: 'risk_assessment',
  intents: ['risk_assessment'],
  writes: true,
  // A description of one's situation mid-questionnaire ("我四十出头，炒了七八年股票") answers it, whatever it sounds like.
  answers: (understanding, step) => step === 'option' && Object.keys(answersFromFreeText(understanding.normalized)).length > 0,
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const answers = (ctx.slots.answers as Answers | undefined) ?? {};
    ctx.slots.answers = answers;
    // Credentials may have arrived before the questionnaire: their message can describe the customer too.
    const { picked, described } = readAnswers(ctx, answers);
    if (described.length) {
      const lines = RISK_QUESTIONS.filter((question) => described.includes(question.id)).map((question) => ctx.text('risk.understood_line', {
        question: question.text[ctx.locale], answer: question.options['ABCD'.indexOf(answers[question.id])].label[ctx.locale],
      }));
      ctx.say('risk.understood', { lines: lines.join('\n') });
    } else if (!picked && ctx.awaiting === 'option') {
      ctx.say('risk.invalid_answer');
      askQuestion(ctx, nextQuestion(answers));
      return 'waiting';
    }
    const next = nextQuestion(answers);
    if (next >= 0) {
      if (!Object.keys(answers).length && ctx.awaiting !== 'option') ctx.say('risk.intro', { total: RISK_QUESTIONS.length });
      askQuestion(ctx, next);
      return 'waiting';
    }
    const letters = RISK_QUESTIONS.map((question) => answers[question.id]);
    const preview = scoreRiskAnswers(letters);
    const result = await ctx.call<RiskAssessment>('save_risk_assessment', { customer_id: ctx.customerId(), answers: letters });
    if (!result.ok || !result.result) { ctx.say('action.failed', { error: result.error }); return 'done'; }
    const { level } = result.result;
    ctx.say('risk.result', { level, description: ctx.text(`risk.level.${level}`), score: preview.score, caps: preview.caps.map((cap) => ctx.text(`risk.cap.${cap}`)).join('') });
    ctx.say('risk.saved', { level, max: `R${level.slice(1)}` });
    if (ctx.memory[RECOMMEND_AFTER_ASSESSMENT]) {
      delete ctx.memory[RECOMMEND_AFTER_ASSESSMENT];
      ctx.enqueue('recommend_product', ctx.text('risk.resume_recommendation'));
    }
    return 'done';
  },
};
