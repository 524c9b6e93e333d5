/**
 * Claims that something was done ("已为您取消订单", "your refund has been processed") in a model's reply. A code-level
 * guardrail (issue 22): a reply may say an action happened only when a write tool of that kind succeeded in this turn;
 * otherwise the model is describing something that did not happen (it said "取消好了" after the customer said
 * "先不要", or after the tool refused). Matching is by kind, so "已退款" is backed by a cancellation or a return, and
 * "booked" by a booking tool.
 */
export type ActionKind = 'cancel' | 'refund' | 'exchange' | 'modify' | 'book' | 'freeze' | 'file';

const CLAIMS: Array<[ActionKind, RegExp]> = [
  ['cancel', /已(?:经)?(?:为您|帮您|给您|替您)?(?:成功)?取消|取消(?:成功|好了|完成|完毕)|(?:has|have|was|were|'s|'ve) been (?:successfully )?cancel+ed|\bI(?:'ve| have)? (?:successfully |just |now )?cancel+ed\b|cancellation (?:is|was|has been) (?:complete|done|successful|processed|confirmed)/i],
  ['refund', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:办理|申请)?(?:了)?(?:退款|退货|退回|原路退)|退款(?:成功|已到账|已发起|已提交)|(?:has|have|was|were|'s|'ve) been (?:successfully )?(?:refunded|returned)|\bI(?:'ve| have)? (?:successfully |just )?(?:refunded|issued (?:a|the|your) refund|processed (?:a|the|your) (?:refund|return))\b|refund (?:is|was|has been) (?:issued|processed|complete|sent)/i],
  ['exchange', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:办理|申请)?(?:了)?(?:换货|更换|调换)|换货(?:成功|已提交|申请已)|(?:has|have|was|were|'s|'ve) been (?:successfully )?exchanged|\bI(?:'ve| have)? (?:successfully |just )?exchanged\b|exchange (?:is|was|has been) (?:complete|processed|submitted|confirmed)/i],
  ['modify', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:修改|更改|改好|改为|改成|更新|变更)|(?:修改|更改|变更)(?:成功|好了|完成)|(?:has|have|was|were|'s|'ve) been (?:successfully )?(?:changed|modified|updated)|\bI(?:'ve| have)? (?:successfully |just )?(?:changed|modified|updated)\b/i],
  ['book', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:预约|预订|挂号|报名|约好)|(?:预约|预订|挂号|报名)(?:成功|好了|完成)|(?:has|have|was|were|'s|'ve) been (?:successfully )?(?:booked|scheduled|reserved|enrolled)|\bI(?:'ve| have)? (?:successfully |just )?(?:booked|scheduled|reserved|enrolled)\b/i],
  ['freeze', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:冻结|挂失|锁定)|(?:冻结|挂失)(?:成功|好了|完成)|(?:has|have|was|were|'s|'ve) been (?:successfully )?(?:frozen|blocked|locked)|\bI(?:'ve| have)? (?:successfully |just )?(?:frozen|blocked|locked)\b/i],
  ['file', /已(?:经)?(?:为您|帮您|给您)?(?:成功)?(?:登记|提交|受理|立案|记录)(?:了)?(?:您的)?(?:投诉|理赔|申请|工单|争议)|(?:投诉|理赔|工单|申请)(?:已(?:经)?(?:提交|登记|受理)|提交成功|登记成功)|(?:complaint|claim|ticket|dispute|request) (?:has been|was|is) (?:filed|logged|submitted|registered|opened|created)/i],
];
/** A claim preceded by a negation is not a claim: "还没有为您取消", "I have not cancelled". */
const NEGATED = /(?:没有?|未|尚未|还没有?|并未|不会|无法|不能|can(?:no|')t|not|never|n't)\s*(?:\S{0,6})$/i;
/** Tool names that back each kind of claim. */
const BACKED_BY: Record<ActionKind, RegExp> = {
  cancel: /cancel/i,
  refund: /cancel|return|refund/i,
  exchange: /exchange/i,
  modify: /modify|change|update|address|payment|items/i,
  book: /book|appointment|reserv|pickup|enrol|schedule|slot/i,
  freeze: /block|freeze|lock|card/i,
  file: /claim|complaint|ticket|dispute|file|create/i,
};

/** The kinds of action a text says were done (each at most once), ignoring negated mentions. */
export function findActionClaims(text: string): ActionKind[] {
  const kinds: ActionKind[] = [];
  for (const [kind, pattern] of CLAIMS) {
    const global = new RegExp(pattern.source, 'gi');
    for (const match of text.matchAll(global)) {
      const before = text.slice(Math.max(0, (match.index ?? 0) - 12), match.index);
      if (NEGATED.test(before)) continue;
      kinds.push(kind);
      break;
    }
  }
  return kinds;
}

/**
 * The claimed kinds that no successful write of this turn backs. `writes` are the names of write tools that
 * succeeded in this turn; an empty result means every claim is backed.
 */
export function unsupportedActionClaims(text: string, writes: string[]): ActionKind[] {
  return findActionClaims(text).filter((kind) => !writes.some((name) => BACKED_BY[kind].test(name)));
}
