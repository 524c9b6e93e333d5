/**
 * Canned responses offered with the `/` shortcut. `intents` ties a response to the engine's intents so it can be
 * suggested for the customer's last message. A later admin page can make these per tenant; until then they ship here.
 */
export interface CannedResponse { shortcut: string; zh: string; en: string; intents: string[] }

export const cannedResponses: CannedResponse[] = [
  { shortcut: 'hello', zh: '您好，我是人工客服，很高兴为您服务。请问有什么可以帮您？', en: 'Hi, I am a member of the support team. How can I help you today?', intents: [] },
  { shortcut: 'wait', zh: '好的，我帮您查询一下，请稍等片刻。', en: 'Sure, let me look into that for you — one moment please.', intents: [] },
  { shortcut: 'order', zh: '请提供一下您的订单号，我马上为您查询物流进度。', en: 'Could you share your order number? I will check the delivery status right away.', intents: ['order_status', 'track_order'] },
  { shortcut: 'refund', zh: '退款会在审核通过后 1-3 个工作日原路退回，请您留意账户到账信息。', en: 'Refunds go back to the original payment method within 1-3 business days after approval.', intents: ['refund_status', 'return_request', 'cancel_order'] },
  { shortcut: 'sorry', zh: '非常抱歉给您带来不好的体验，我会尽全力帮您解决。', en: 'I am really sorry for the trouble. I will do my best to sort this out for you.', intents: ['complaint'] },
  { shortcut: 'bye', zh: '感谢您的耐心，还有其他问题随时联系我们，祝您生活愉快！', en: 'Thank you for your patience. If there is anything else, we are always here. Have a great day!', intents: [] },
];
