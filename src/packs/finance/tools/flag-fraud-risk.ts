import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { FraudFlag } from '../store/types.ts';
import type { BankContext } from './shared.ts';

/**
 * Appends a scam warning to the bank's security log for the fraud team. `write: false` on purpose: it changes no
 * customer data, and protecting a customer must not wait for a "yes".
 */
export const flagFraudRisk = defineTool({
  name: 'flag_fraud_risk',
  description: 'Log scam cues seen in the conversation (safe account, code request, impersonation …) for the fraud team. Changes no customer data.',
  input: z.object({ cues: z.array(z.string().min(1).max(40)).min(1).max(10), text: z.string().max(1_000) }),
  write: false,
  execute({ cues, text }, context: BankContext): FraudFlag {
    const customerId = context.actor.kind === 'customer' ? context.actor.customerId : null;
    const flag: FraudFlag = { flag_id: context.ids.next('FR').toUpperCase(), customer_id: customerId, cues, text, created_at: context.clock.now() };
    context.data.fraud_flags.push(flag);
    return flag;
  },
});
