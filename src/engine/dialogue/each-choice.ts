/**
 * "Both" / "all of them" as the answer to "which one?" (issue 18: "both orders", "两门都退", "两个都提交"). When a skill
 * asks the customer to choose among their records and marks the choices `each`, a message that takes all of them is
 * not an answer the skill could read: the engine answers the question with the first record and puts the same task for
 * each other record on the agenda. "都行" / "either" / "whichever" pick one, they are not "all".
 */
const ZH_ALL = /(?:两|兩|二|2|三|3|几|幾|这几|這幾|这两|這兩)\s*(?:个|門|门|单|單|笔|筆|件|张|張|票|份|样|樣|项|項|次)?\s*\p{Script=Han}{0,3}?(?:都|全)(?!行|可以|好|成|ok)|都(?:要|退|取消|办|辦|申请|申請|提交|处理|處理|赔|賠|报|報|改|换|換)|全部|全都|统统|統統|一起(?:退|取消|办|辦|申请|申請|处理|處理)/u;
const EN_ALL = /\b(?:both(?! are fine)|all of them|all (?:two|three|four) of them|each of them|all of those|every one of them|all three|all two)\b/iu;
const EITHER = /都行|都可以|哪个都|哪個都|随便|隨便|\b(?:either|whichever|any of them|any one)\b/iu;

export function takesAll(text: string): boolean {
  return !EITHER.test(text) && (ZH_ALL.test(text) || EN_ALL.test(text));
}
