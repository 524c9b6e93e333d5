import type { ChannelSender } from '../channel.ts';
import { ChannelDeliverySkipped } from '../channel-outbox.ts';

/**
 * Voice replies are spoken in the webhook's own answer (TwiML or JSON actions), so the outbox only brings this sender
 * messages written outside a call turn — agent replies and proactive messages. A phone line has no way to receive
 * them later; they are recorded as skipped (`voice_live_call_only`) and the console shows it. An agent reaches a
 * caller through the transfer (<Dial>/<Enqueue>) instead.
 */
export function createVoiceSender(): ChannelSender {
  return {
    kind: 'voice',
    repliesInline: true,
    async deliver() {
      throw new ChannelDeliverySkipped('voice_live_call_only', 'Voice messages are only spoken during a call turn.');
    },
  };
}
