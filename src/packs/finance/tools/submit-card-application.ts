import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { prescreen } from '../rules/credit-prescreen.ts';
import type { CardApplication } from '../store/types.ts';
import { assertOwner, type BankContext } from './shared.ts';

const EMPLOYMENT = ['civil_servant', 'full_time', 'self_employed', 'freelance', 'retired', 'student', 'unemployed'] as const;

/**
 * Records a credit-card application with the pre-screen's score, rule hits, reasons and recommendation. The status
 * is always 'pending_officer_review': a credit officer makes the decision.
 */
export const submitCardApplication = defineTool({
  name: 'submit_card_application',
  description: 'Submit a credit-card application for officer review with the pre-screen (rules + logistic score, reasons, recommendation approve/refer/decline). Needs explicit confirmation.',
  input: z.object({
    customer_id: z.string().trim().min(1).max(60).nullable(),
    monthly_income: z.number().min(0).max(10_000_000),
    employment: z.enum(EMPLOYMENT),
    monthly_debt: z.number().min(0).max(10_000_000),
  }),
  write: true,
  execute(input, context: BankContext): CardApplication {
    if (input.customer_id) assertOwner(context, input.customer_id);
    const result = prescreen({ monthlyIncome: input.monthly_income, employment: input.employment, monthlyDebt: input.monthly_debt });
    const application: CardApplication = {
      application_id: context.ids.next('CA').toUpperCase(), customer_id: input.customer_id,
      monthly_income: input.monthly_income, employment: input.employment, monthly_debt: input.monthly_debt,
      score: result.score, rule_hits: result.ruleHits, reasons: result.reasons, recommendation: result.recommendation,
      status: 'pending_officer_review', created_at: context.clock.now(),
    };
    context.data.applications.push(application);
    return application;
  },
});
