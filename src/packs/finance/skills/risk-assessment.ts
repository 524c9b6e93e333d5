import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { matchOptionLabel, parseRiskAnswers, RISK_QUESTIONS, scoreRiskAnswers } from '../rules/risk-questionnaire.ts';
import type { BankDb, RiskAssessment } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, type BankSkillContext } from './bank-skill-context.ts';

/** Set by the recommendation skill: after the assessment, go back to suggesting products. */
export const RECOMMEND_AFTER_ASSESSMENT = 'recommendAfterAssessment';

function askQuestion(ctx: BankSkillContext, index: number): void {
  const question = RISK_QUESTIONS[index];
  const options = question.options.map((option, i) => `${'ABCD'[i]}. ${option.label[ctx.locale]}`);
  ctx.ask('option', 'risk.question', { number: index + 1, total: RISK_QUESTIONS.length, question: question.text[ctx.locale], options: options.join('\n') }, {
    quickReplies: options.map((label, i) => ({ label, payload: 'ABCD'[i] })),
  });
}

/**
 * The risk-tolerance questionnaire (C1–C5): five questions asked one at a time (several answers in one message
 * are accepted), the level computed by the rules, confirmed by the customer and saved.
 */
export const riskAssessmentSkill: Skill<BankDb> = {
  name: 'risk_assessment',
  intents: ['risk_assessment'],
  writes: true,
  run(ctx) {
    if (guardFraud(ctx)) return 'done';
    if (!ensureBankCustomer(ctx)) return 'waiting';
    const answers = (ctx.slots.answers as string[] | undefined) ?? [];
    ctx.slots.answers = answers;
    if (ctx.awaiting === 'option' && answers.length < RISK_QUESTIONS.length) {
      const parsed = parseRiskAnswers(ctx.turn.text);
      const byLabel = parsed.length ? null : matchOptionLabel(RISK_QUESTIONS[answers.length], ctx.turn.text);
      const given = parsed.length ? parsed : byLabel ? [byLabel] : [];
      if (!given.length) {
        ctx.say('risk.invalid_answer');
        askQuestion(ctx, answers.length);
        return 'waiting';
      }
      answers.push(...given.slice(0, RISK_QUESTIONS.length - answers.length));
    }
    if (answers.length < RISK_QUESTIONS.length) {
      if (!answers.length && ctx.awaiting !== 'option') ctx.say('risk.intro', { total: RISK_QUESTIONS.length });
      askQuestion(ctx, answers.length);
      return 'waiting';
    }
    const preview = scoreRiskAnswers(answers);
    return confirmAction(ctx as never, {
      key: 'risk.confirm',
      vars: { level: preview.level, description: ctx.text(`risk.level.${preview.level}`), score: preview.score, caps: preview.caps.map((cap) => ctx.text(`risk.cap.${cap}`)).join('') },
      fingerprint: answers,
      declinedKey: 'risk.not_saved',
      execute: () => {
        const result = ctx.call<RiskAssessment>('save_risk_assessment', { customer_id: ctx.customerId(), answers });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        ctx.say('risk.saved', { level: result.result!.level, max: `R${result.result!.level.slice(1)}` });
        if (ctx.memory[RECOMMEND_AFTER_ASSESSMENT]) {
          delete ctx.memory[RECOMMEND_AFTER_ASSESSMENT];
          ctx.enqueue('recommend_product', ctx.text('risk.resume_recommendation'));
        }
      },
    });
  },
};
