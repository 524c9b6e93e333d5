import type { ConversationService } from '../conversation/conversation-service.ts';
import type { ProactiveSender } from './proactive-care.ts';

/** Proactive messages go through the conversation service: the customer's open conversation (or a new one), pushed live. */
export function conversationSender(conversations: ConversationService): ProactiveSender {
  return async (tenant, customer, text, data) => {
    const { conversation, message } = await conversations.sendProactive(tenant, customer, text, data);
    return { conversationId: conversation.id, messageId: message.id };
  };
}
