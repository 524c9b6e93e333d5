import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Card } from '../store/types.ts';
import { getOwnCard, type BankContext } from './shared.ts';

/**
 * Freezes a card (temporary, the customer can unfreeze in the app) or reports it lost/stolen (挂失: permanent,
 * a replacement is issued). Needs explicit confirmation.
 */
export const blockCard = defineTool({
  name: 'block_card',
  description: "Freeze a card temporarily ('freeze') or report it lost or stolen ('report_lost', permanent; a replacement card is issued). Needs explicit confirmation.",
  input: z.object({ card_id: z.string().trim().min(1).max(60), action: z.enum(['freeze', 'report_lost']) }),
  write: true,
  execute({ card_id: cardId, action }, context: BankContext): Card {
    const card = getOwnCard(context, cardId);
    if (card.status === 'reported_lost') throw new ToolError('the card is already reported lost');
    if (card.status === 'frozen' && action === 'freeze') throw new ToolError('the card is already frozen');
    card.status = action === 'freeze' ? 'frozen' : 'reported_lost';
    card.status_changed_at = context.clock.now();
    return card;
  },
});
