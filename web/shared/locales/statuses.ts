/**
 * Labels of the states records and tickets come with from the server (pack backends, tickets): the API keeps the
 * English identifiers, the UI shows them in its language. Unknown states fall back to the identifier.
 */
const zh: Record<string, string> = {
  pending: '待处理', processed: '已处理', delivered: '已送达', cancelled: '已取消', 'return requested': '已申请退货', 'exchange requested': '已申请换货',
  open: '待处理', in_progress: '处理中', scheduled: '已预约', resolved: '已解决', closed: '已关闭', queued: '排队中',
  booked: '已预约', completed: '已完成', ready: '已出结果', active: '有效', refunded: '已退款', frozen: '已冻结', reported_lost: '已挂失',
  submitted: '已提交', pending_officer_review: '待人工审核', awaiting_evidence: '待补充材料', assessment: '评估中',
  awaiting_pickup: '待揽收', picked_up: '已揽收', in_transit: '运输中', out_for_delivery: '派送中', delayed: '已延误', lost: '已丢失',
  pending_customer: '待客户回复', pending_internal: '内部处理中', solved: '已解决',
};

const en: Record<string, string> = {
  pending: 'pending', processed: 'processed', delivered: 'delivered', cancelled: 'cancelled', 'return requested': 'return requested', 'exchange requested': 'exchange requested',
  open: 'open', in_progress: 'in progress', scheduled: 'scheduled', resolved: 'resolved', closed: 'closed', queued: 'queued',
  booked: 'booked', completed: 'completed', ready: 'ready', active: 'active', refunded: 'refunded', frozen: 'frozen', reported_lost: 'reported lost',
  submitted: 'submitted', pending_officer_review: 'awaiting officer review', awaiting_evidence: 'awaiting evidence', assessment: 'in assessment',
  awaiting_pickup: 'awaiting pickup', picked_up: 'picked up', in_transit: 'in transit', out_for_delivery: 'out for delivery', delayed: 'delayed', lost: 'lost',
  pending_customer: 'waiting for the customer', pending_internal: 'in progress internally', solved: 'solved',
};

export const statusLabels: Record<'zh' | 'en', Record<string, string>> = { zh, en };

/** The state in the UI language, e.g. `statusLabel('zh', 'return requested')` → 已申请退货. */
export function statusLabel(locale: 'zh' | 'en', status: string): string {
  return statusLabels[locale][status] ?? status;
}
