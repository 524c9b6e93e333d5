import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { scoreRiskAnswers } from '../rules/risk-questionnaire.ts';
import type { RiskAssessment } from '../store/types.ts';
import { assertOwner, type BankContext } from './shared.ts';

/** Scores the questionnaire answers (the tool scores, not the caller) and stores the customer's risk level. */
export const saveRiskAssessment = defineTool({
  name: 'save_risk_assessment',
  description: 'Score the five risk-questionnaire answers (A–D each) and save the resulting customer risk level C1–C5. Saved when all five are answered: the answers are the customer\'s own, given on their request; retaking the questionnaire replaces them.',
  input: z.object({ customer_id: z.string().trim().min(1).max(60), answers: z.array(z.enum(['A', 'B', 'C', 'D'])).length(5) }),
  write: true,
  // Records the customer's own answers to the questionnaire they asked to take; it moves no money and is redone by
  // retaking it, so the completed questionnaire is its own confirmation (the reply states the level and how to redo it).
  needsApproval: false,
  execute({ customer_id: customerId, answers }, context: BankContext): RiskAssessment {
    assertOwner(context, customerId);
    const customer = context.data.customers[customerId];
    if (!customer) throw new ToolError('customer not found');
    const { score, level } = scoreRiskAnswers(answers);
    const assessment: RiskAssessment = { customer_id: customerId, answers, score, level, assessed_at: context.clock.now() };
    customer.risk_level = level;
    customer.risk_assessed_at = assessment.assessed_at;
    context.data.assessments.push(assessment);
    return assessment;
  },
});
