import { COMPOUND_SURNAMES, SURNAMES } from '../nlu/entities/person-name.ts';

/**
 * Personal data in a model's reply that this conversation never produced (issue 22 item 3: a reply carried another
 * customer's name and address, with no digit for the figure check to catch). A code-level guardrail: every e-mail
 * address, street address and named person in a reply must appear in this conversation's tool results (which run as
 * the authenticated customer, so other customers' records are refused there), the customer's own messages or the
 * business policy. Numbers (phones, ID and card numbers) are already covered by the figure check (grounding.ts).
 * Names are recognised only where a reply presents them as someone's (收件人 张伟, 李娜的地址, Dear Anya Garcia,
 * Anya Garcia's address); a bare name in running text is not detected — see docs/llm.md.
 */
export interface PersonalItem {
  kind: 'email' | 'address' | 'name';
  text: string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** A Chinese address down to a road, lane, number or estate; the parts are checked one by one. */
const ZH_ADDRESS = /[\p{Script=Han}\d]{2,}?(?:省|自治区|市|区|县|镇)[^\s的了是在和，。,、；;！？!?]*?(?:大道|大街|路|街|巷|弄|胡同|小区|大厦|公寓|花园|\d+号)/gu;
const ZH_ADDRESS_PART = /[^省市区县镇路街道巷弄号]+(?:省|自治区|市|区|县|镇|大道|大街|路|街|巷|弄|胡同|号|小区|大厦|公寓|花园)?/gu;
const EN_STREET = /\b(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Terrace|Circle)\b/g;

const SURNAME_PATTERN = `(?:${COMPOUND_SURNAMES.join('|')}|[${[...SURNAMES].join('')}])`;
const ZH_NAME_AFTER_CUE = new RegExp(`(?:收件人|收货人|联系人|姓名|客户|用户|会员|尊敬的|户主|持卡人)[:：是为\\s]*(${SURNAME_PATTERN}[\\p{Script=Han}]{1,2}?)(?=[，。,、：:；;\\s的先女小]|$)`, 'gu');
const ZH_NAME_BEFORE = new RegExp(`(${SURNAME_PATTERN}[\\p{Script=Han}]{1,2}?)的(?:地址|住址|电话|手机|订单|账户|账号|邮箱|身份证|银行卡|收货地址)`, 'gu');
const ZH_TITLED = new RegExp(`(${SURNAME_PATTERN})(?:先生|女士|小姐)`, 'gu');
const EN_WORD = "[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?";
const EN_NAME_AFTER_CUE = new RegExp(`\\b(?:Dear|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|recipient|customer|account holder|cardholder|user|name is|named)\\s+(${EN_WORD}(?:\\s${EN_WORD})?)`, 'g');
const EN_NAME_POSSESSIVE = new RegExp(`\\b(${EN_WORD}\\s${EN_WORD})'s\\s+(?:address|order|account|phone|e-?mail|card|profile|details)`, 'g');
// Capitalised words after a cue that are not a person ("Dear Valued Customer", "customer Service", "user Guide").
const NOT_NAMES = /^(?:Service|Support|Team|Here|Thank|Thanks|Please|The|Your|Our|This|That|Sorry|Valued|Customer|Customers|Sir|Madam|Friend|Shopper|Member|User|Guest|All|Guide|Account|Care|Center|Centre)\b/;

/** E-mail addresses, street addresses (or their parts) and named persons a text presents. */
export function findPersonalItems(text: string): PersonalItem[] {
  const items: PersonalItem[] = [];
  for (const match of text.matchAll(EMAIL)) items.push({ kind: 'email', text: match[0] });
  for (const match of text.matchAll(ZH_ADDRESS)) {
    for (const part of match[0].matchAll(ZH_ADDRESS_PART)) {
      // The lazy start may take the words before the address ("地址是杭州市"): keep what follows the last of them.
      const text = part[0].replace(/^.*[是为在到址的往寄送至]/u, '');
      if (text.length >= 2) items.push({ kind: 'address', text });
    }
  }
  for (const match of text.matchAll(EN_STREET)) items.push({ kind: 'address', text: match[0] });
  for (const pattern of [ZH_NAME_AFTER_CUE, ZH_NAME_BEFORE, ZH_TITLED, EN_NAME_AFTER_CUE, EN_NAME_POSSESSIVE]) {
    // A pronoun or particle is never part of a name: "属于您的账户" holds the surname 于 but no name.
    for (const match of text.matchAll(pattern)) if (!NOT_NAMES.test(match[1]) && !/[您你我他她它们是在了]/u.test(match[1])) items.push({ kind: 'name', text: match[1] });
  }
  return items;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');

/**
 * The personal items of `reply` that appear nowhere in `corpus` (tool results, customer messages, policy).
 * A name passes when each of its words does (tool results often hold first and last names apart).
 */
export function foreignPersonalData(reply: string, corpus: string): PersonalItem[] {
  return createPersonalDataCheck(corpus)(reply);
}

/** {@link foreignPersonalData} with the corpus folded once, for checking many streamed pieces against it. */
export function createPersonalDataCheck(corpus: string): (reply: string) => PersonalItem[] {
  const known = fold(corpus);
  return (reply) => findPersonalItems(reply).filter((item) => {
    const parts = item.kind === 'name' && /\s/.test(item.text) ? item.text.split(/\s+/) : [item.text];
    return !parts.every((part) => known.includes(fold(part)));
  });
}
