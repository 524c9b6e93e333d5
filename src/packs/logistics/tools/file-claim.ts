import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { claimEligibility, compensationFor, missingEvidence } from '../rules/compensation.ts';
import type { Claim } from '../store/types.ts';
import { assertParty, getShipment, waybillSchema, type LogisticsContext } from './shared.ts';

export const EVIDENCE = ['packaging_photos', 'contents_photos', 'receipt', 'chat_records', 'waybill_photo'] as const;

/**
 * Opens a loss, damage or delay claim for a verified sender or recipient. Eligibility and the amount come from
 * the compensation rules (rules/compensation.ts); the claim records which rule applied.
 */
export const fileClaim = defineTool({
  name: 'file_claim',
  description: 'Files a claim (lost, damaged or delayed parcel) with description, stated value and evidence; returns the rule applied and the amount.',
  input: z.object({
    waybill: waybillSchema, kind: z.enum(['lost', 'damaged', 'delayed']), description: z.string().trim().min(2).max(1_500),
    claimed_value: z.number().min(0).max(1_000_000), evidence: z.array(z.enum(EVIDENCE)).max(5),
  }),
  write: true,
  execute(input, context: LogisticsContext): Claim {
    const shipment = getShipment(context, input.waybill);
    assertParty(context, shipment);
    const now = context.clock.now();
    const eligible = claimEligibility(shipment, input.kind, now);
    if (!eligible.ok) throw new ToolError(`claim not accepted: ${eligible.reason}`, { reason: eligible.reason });
    if (context.data.claims.some((c) => c.waybill === shipment.waybill && c.kind === input.kind)) throw new ToolError('a claim of this kind is already open for this waybill');
    const decision = compensationFor(shipment, input.kind, input.claimed_value, now);
    const missing = missingEvidence(input.kind, input.evidence);
    const claim: Claim = {
      claim_id: `CL${String(context.data.claims.length + 1).padStart(5, '0')}`, waybill: shipment.waybill, kind: input.kind,
      claimant: context.actor.kind === 'customer' ? context.actor.customerId ?? '' : 'system', description: input.description,
      claimed_value: input.claimed_value, evidence: input.evidence, missing_evidence: missing, rule: decision.rule, amount: decision.amount,
      status: missing.length ? 'awaiting_evidence' : decision.amount === null ? 'assessment' : 'open', created_at: now,
    };
    context.data.claims.push(claim);
    return claim;
  },
});
