import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';

export const transferToHumanAgents = defineTool({
  name: 'transfer_to_human_agents',
  description: 'Transfer the customer to a human agent (or a credit officer / fraud specialist) with a summary of the issue.',
  input: z.object({ summary: z.string().trim().min(1).max(2_000) }),
  write: false,
  execute({ summary }) {
    return { transferred: true, summary };
  },
});
