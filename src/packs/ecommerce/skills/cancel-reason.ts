import { normalize } from '../../../engine/text/normalize.ts';

/** The two reasons the store's `cancel_pending_order` tool accepts. */
export type CancelReason = 'no longer needed' | 'ordered by mistake';

// "I ordered the wrong one", "placed it by mistake", "拍错了", "下错单", "手滑点了两次".
const MISTAKE = /\b(by mistake|mistaken(ly)?|a mistake|mistake order|accident(ally)?|by error|in error|didn'?t mean to|never meant to|ordered (it )?twice|double[- ]ordered|duplicate( order)?|(ordered|bought|picked|got|placed|chose|selected|clicked) (on )?(the |a )?wrong\b|wrong (item|order|size|colou?r|model|product))|下错|拍错|买错|误拍|误下|误点|误操作|点错|选错|订错|重复下单|重复购买|买重|多拍|多下了|手滑|不小心(下|买|拍|点)/g;
// "don't need it anymore", "changed my mind", "用不上了", "不想要了".
const NOT_NEEDED = /\b(no longer (need|want)(ed|s)?|(don'?t|do not|won'?t|will not|doesn'?t|does not) (really )?(need|want|use)|not needed|no need|need (it|them|those|this|that) no more|changed my mind|change of mind|found (it |one )?cheaper|not (going to|gonna) (use|need)|no use for)\b|不需要|不想要|不要了|用不上|用不到|不用了|改主意|不想买了|不打算要了|没必要|没用了|不需要了|暂时不要|不要这个/g;
// Self-corrections ("no wait, wrong one", "sorry, not that one", "不对，是…") are about the customer's words, not a reason.
const CORRECTION = /\b(no wait|wait|sorry|oops|actually|i mean)[\s,.!-]*(the |that'?s the |that'?s )?(wrong one|not that one|not that)\b|(不对|说错了|搞错了|弄错了)[，,。\s]*(是|应该是)?/g;

function lastMatch(pattern: RegExp, text: string): number {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index ?? last;
  return last;
}

/**
 * The cancellation reason in the customer's own words, or null when the text gives none.
 * When both kinds appear, the one said last wins ("bought it by mistake … actually I just don't need it").
 *
 * @example cancelReasonFrom('拍错了，帮我取消') // 'ordered by mistake'
 */
export function cancelReasonFrom(text: string): CancelReason | null {
  const t = normalize(text).replace(CORRECTION, ' ');
  const mistake = lastMatch(MISTAKE, t);
  const notNeeded = lastMatch(NOT_NEEDED, t);
  if (mistake < 0 && notNeeded < 0) return null;
  return mistake > notNeeded ? 'ordered by mistake' : 'no longer needed';
}

/** Both kinds of reason are named somewhere in the text (so a shared reason cannot be assumed). */
function mixedReasons(text: string): boolean {
  const t = normalize(text).replace(CORRECTION, ' ');
  return lastMatch(MISTAKE, t) >= 0 && lastMatch(NOT_NEEDED, t) >= 0;
}

const JOINER = /^[\s,，、;；:：&+]*(and|or|plus|as well as|also|too|和|跟|与|及|以及|还有|或)?[\s,，、;；:：#]*$/i;

/**
 * A reason for each order id of a message that cancels several orders: the words after an order id (up to the
 * next id) give its reason; an id followed only by "and"/"和" shares the next one's ("#1 and #2 I don't need");
 * otherwise the one reason of the whole text applies to all. Ids are matched without their "#".
 *
 * @example reasonsByOrder('#W1 和 #W2 都不需要了，#W3 是拍错的', ['#W1', '#W2', '#W3'])
 *   // { '#W1': 'no longer needed', '#W2': 'no longer needed', '#W3': 'ordered by mistake' }
 */
export function reasonsByOrder(text: string, orderIds: string[], mentions?: (clause: string, orderId: string) => boolean): Record<string, CancelReason | null> {
  const t = normalize(text);
  const positions = orderIds
    .map((id) => ({ id, at: t.indexOf(normalize(id).replace(/^#/, '')) }))
    .filter((p) => p.at >= 0)
    .sort((a, b) => a.at - b.at);
  const shared = mixedReasons(text) ? null : cancelReasonFrom(text);
  const result: Record<string, CancelReason | null> = {};
  for (const id of orderIds) result[id] = shared;
  if (!shared && positions.length) {
    const segments = positions.map((p, i) => t.slice(p.at + normalize(p.id).replace(/^#/, '').length, positions[i + 1]?.at ?? t.length)
      // Details in brackets after an id ("（滑板+头盔）") are not a joiner's business.
      .replace(/[（(][^）)]*[）)]/g, ' '));
    for (let i = positions.length - 1; i >= 0; i--) {
      const own = cancelReasonFrom(segments[i]);
      const next = i + 1 < positions.length ? result[positions[i + 1].id] : null;
      result[positions[i].id] = own ?? (JOINER.test(segments[i]) ? next : null);
    }
    // An id said before any reason at all ("cancel #1, #2 — both by mistake") takes the text's reason if there is one.
    const before = cancelReasonFrom(t.slice(0, positions[0].at));
    if (before) for (const p of positions) result[p.id] ??= before;
  }
  // "the chair I don't need, and the keyboard one I bought by mistake": a clause naming an order's products
  // and one reason gives that order its reason.
  if (!shared && mentions) {
    for (const clause of t.split(/[,.;!?，。；！？\n]+|\s(?:and|but|while|whereas)\s|而|但是?|另外|还有/)) {
      const reason = cancelReasonFrom(clause);
      if (!reason) continue;
      const named = orderIds.filter((id) => mentions(clause, id));
      if (named.length) for (const id of named) result[id] = reason;
    }
  }
  return result;
}
