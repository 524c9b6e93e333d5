/**
 * Policy statements in a model's reply (issue 22 item 3): "随时全额退款，不用寄回" when the store's policy says "30
 * 天内可退货". A code-level guardrail: a sentence that states a rule about returns, refunds, exchanges, warranty,
 * shipping fees … is shown only when what it promises is in the sources of this conversation — the pack's policy,
 * the knowledge articles the model retrieved, the tool results. Two checks, both by concept so a paraphrase passes
 * ("无需寄回" in the article backs "不用寄回" in the reply):
 * - its topic (退货 / refund …) must appear in the sources at all;
 * - each strong promise it makes (any time, full refund, no need to send back, free, unconditional, instant, for
 *   life, guaranteed) must appear in the sources too.
 * Hand-written: the concept lists are the customer-service vocabulary no general library carries.
 */
type Concepts = Record<string, RegExp>;

const TOPICS: Concepts = {
  return: /退货|退回商品|寄回|\breturns?\b/i,
  refund: /退款|退钱|\brefunds?\b|money back/i,
  exchange: /换货|调换|\bexchanges?\b/i,
  warranty: /保修|质保|维修|\bwarrant(?:y|ies)\b|\brepairs?\b/i,
  shipping: /运费|邮费|包邮|配送费|快递费|\bshipping\b|\bdelivery fees?\b|\bpostage\b/i,
  price: /价格保护|价保|差价|price (?:protection|match|adjustment)|price difference/i,
  compensation: /赔偿|补偿|赔付|\bcompensat\w*/i,
  invoice: /发票|\binvoices?\b|\breceipts?\b/i,
  cancellation: /取消政策|取消规则|取消(?:订单)?(?:需要|要|可以|免费)|cancellation (?:policy|fee)|cancel (?:for free|free of charge|any time|anytime)/i,
};

const PROMISES: Concepts = {
  any_time: /随时|任何时候|无论何时|不限时间|没有时间限制|\bany ?time\b|\bwhenever\b|no time limit/i,
  full: /全额|全部退|百分之百|100 ?%|\bfull(?:y)? refund|\bin full\b|\bfull amount\b/i,
  no_return_needed: /(?:不用|无需|不需要|不必|免)(?:再)?(?:寄回|退回|退还)|(?:keep|no need to (?:send|return|ship)) (?:the )?(?:item|it|product|goods)?|without (?:sending|returning) (?:it|the item)/i,
  free: /免费|包邮|免运费|不收(?:取)?(?:任何)?费|零费用|\bfree (?:of charge|shipping|returns?|delivery|exchanges?|repairs?)\b|\bfor free\b|at no (?:extra )?cost|no (?:fee|charge)s?\b/i,
  unconditional: /无条件|无理由|不问原因|\bno questions? asked\b|\bunconditional\w*|\bfor any reason\b/i,
  instant: /立即到账|马上到账|秒到|即时到账|当天到账|\binstant\w*|\bimmediately\b|\bright away\b/i,
  lifetime: /终身|永久|\blifetime\b|\bforever\b/i,
  guaranteed: /保证|担保|\bguarantee\w*/i,
};

/** A rule-like sentence: a modal or condition next to the topic, not a mere mention. */
const RULE_CUE = /可以|可|能|支持|允许|不支持|需要|须|必须|包|内|免|政策|规定|规则|随时|全额|保证|提供|包含|涵盖|\bcan\b|\bcovers?\b|\bincludes?\b|\boffers?\b|\bmay\b|\bmust\b|\bwill\b|\ballowed\b|\bwithin\b|\beligible\b|\bpolicy\b|\bfree\b|\bguarantee/i;

export interface PolicyViolation {
  sentence: string;
  /** Topics the sources never mention, and promises they never make. */
  topics: string[];
  promises: string[];
}

const present = (concepts: Concepts, text: string): string[] => Object.entries(concepts).filter(([, pattern]) => pattern.test(text)).map(([name]) => name);

/** True when a text names a policy topic at all (a cheap test before the sources are read). */
export function mentionsPolicyTopic(text: string): boolean {
  return Object.values(TOPICS).some((pattern) => pattern.test(text));
}

/**
 * The policy sentences of `reply` that the sources do not back; an empty list means every rule it states comes from
 * them. `sources` is the pack's policy, the retrieved articles and the tool results, as one text.
 */
export function unsupportedPolicyClaims(reply: string, sources: string): PolicyViolation[] {
  return createPolicyCheck(sources)(reply);
}

/** {@link unsupportedPolicyClaims} with the sources read once, for checking many streamed pieces against them. */
export function createPolicyCheck(sources: string): (reply: string) => PolicyViolation[] {
  const backedTopics = new Set(present(TOPICS, sources));
  const backedPromises = new Set(present(PROMISES, sources));
  return (reply) => policyViolations(reply, backedTopics, backedPromises);
}

function policyViolations(reply: string, backedTopics: Set<string>, backedPromises: Set<string>): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const sentence of reply.split(/(?<=[。！？!?；;\n])|(?<=[.](?=\s))/)) {
    const topics = present(TOPICS, sentence);
    if (!topics.length) continue;
    const promises = present(PROMISES, sentence).filter((name) => !backedPromises.has(name));
    const unbacked = RULE_CUE.test(sentence) ? topics.filter((name) => !backedTopics.has(name)) : [];
    if (promises.length || unbacked.length) violations.push({ sentence: sentence.trim(), topics: unbacked, promises });
  }
  return violations;
}
