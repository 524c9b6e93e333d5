import { normalize } from '../../../engine/text/normalize.ts';

/** Kinds of emergency the front desk recognises; each has its own `emergency.<category>` template. */
export type RedFlagCategory = 'cardiac' | 'stroke' | 'internal_bleeding' | 'bleeding' | 'breathing' | 'unconscious' | 'suicide';

export interface RedFlagRule {
  category: RedFlagCategory;
  /** Patterns over normalised (lower-case, simplified) text, Chinese and English. */
  patterns: RegExp[];
  /** Whether a preceding "没有 / no / not" cancels the match ("没有胸痛"). Never for self-harm statements. */
  negatable: boolean;
}

export interface RedFlag {
  category: RedFlagCategory;
  /** The words that triggered the rule, for the log and the agent console. */
  matched: string;
}

/**
 * The red-flag rules, checked in order on every message. Deliberately broad: a false alarm costs a sentence,
 * a missed emergency costs far more. Sources: the FAST stroke signs (face, arm, speech) and the usual
 * "call an ambulance" lists (chest pain, breathing, heavy bleeding, collapse, suicidal intent).
 */
export const RED_FLAG_RULES: RedFlagRule[] = [
  {
    category: 'suicide', negatable: false, patterns: [
      /自杀|轻生|不想活|活着没(有)?(意思|意义)|想死|寻死|结束(自己的)?生命|了结自己|割腕|跳楼|伤害自己|自残/,
      /suicid|kill (myself|himself|herself)|end (my|his|her) (own )?life|end it all|want(s)? to die|don'?t want to (live|be alive)|no reason to live|(hurt|harm|cut)(ing)? (myself|himself|herself)|self[- ]harm|take my (own )?life/,
    ],
  },
  {
    category: 'cardiac', negatable: true, patterns: [
      /胸(口|部|前)?(突然|剧烈|很|好|特别|非常|有点|一阵阵|一直|老是|总是|现在|又){0,3}(疼|痛|绞痛|压痛)|胸(口)?(闷|憋).{0,8}(出汗|冷汗|喘|疼|痛|压)|心绞痛|心口(疼|痛)|心(脏病|梗)(发作)?|心肌梗/,
      /chest (pain|hurts|is hurting|tightness|pressure)|pain in (my|his|her|the) chest|(tight|heavy|crushing)(ness)? (in )?(my|his|her|the) chest|heart attack|crushing pain/,
    ],
  },
  {
    category: 'stroke', negatable: true, patterns: [
      /口角歪|嘴(巴)?(突然)?歪|(脸|面部)(突然)?(歪|下垂|一边)|半边(脸|身子|身体)(发?麻|无力|动不了|没知觉)|一侧(手|胳膊|肢体|身体)(发?麻|无力|没劲)|(手|胳膊|手臂)(突然)?(抬不起|没(有)?力气|无力|没劲)|说话(突然)?(不清|含糊|不利索|大舌头)|口齿不清|言语不清|突然说不出话|中风|脑卒中/,
      /face (is )?(drooping|droops|droop)|drooping (face|mouth)|(face|mouth) (is )?(lopsided|uneven)|one side of (my|his|her|the) face|arm (weakness|is weak|feels weak|went weak|is numb)|weak(ness)? in (one|my|his|her) arm|can'?t (lift|raise|move) (my|his|her|one) arm|slurred|slurring|trouble (speaking|talking)|can'?t speak (properly|clearly)|\bstroke\b/,
    ],
  },
  {
    // Blood brought up or passed (not a wound): its own advice — pressing on a wound makes no sense here.
    category: 'internal_bleeding', negatable: true, patterns: [
      /(吐|呕|咳|咯)(出)?(了)?(很多|好多|不少|一大?口|大口|一摊|一大摊|满嘴)?(的)?(鲜)?血|(大量|大口)便血|便血(很多|不止)|拉(了)?(很多|好多)(的)?血|黑便|柏油(样)?便/,
      /(vomit(ed|ing|s)?|throw(ing|n)? up|threw up|cough(ed|ing|s)? up|spit(ting)? up)( up)? (a lot of |lots of |some |a little |bright red |dark )?blood|blood in (my|his|her|the) (vomit|stool|stools|poo|poop)|(black|tarry|bloody) (stool|stools|poo|poop)/,
    ],
  },
  {
    category: 'bleeding', negatable: true, patterns: [
      /大出血|出血不止|血流不止|止不住(的)?血|血止不住|大量出血|大口出血|喷血|流了(很多|好多|一地)(的)?血/,
      /severe(ly)? bleeding|bleeding (heavily|a lot|badly|profusely)|heavy bleeding|(won'?t|will not|doesn'?t|does not) stop bleeding|can'?t stop (the )?bleed|bleeding (that )?(won'?t|will not) stop|los(ing|t) a lot of blood|blood everywhere/,
    ],
  },
  {
    category: 'breathing', negatable: true, patterns: [
      /呼吸(很|特别|非常)?困难|喘不(上|过|动|来)气|气都?喘不(上|过|动|来)|透不过气|上不来气|(不能|无法|没法)呼吸|呼吸不了|窒息|憋得(慌|喘不)|嘴唇(有点|有些)?(发|变|青)?[紫青]|脸色?(发|变)[紫青]|(嘴唇|脸)[^，。,.!?！？]{0,4}青紫/,
      /(difficulty|trouble|hard|struggling|struggle) (to )?breath(e|ing)|can'?t breathe|cannot breathe|unable to breathe|(can|could) (barely|hardly|not) breathe|short(ness)? of breath|gasping|choking|(not|stopped) breathing|lips? (\w+ ){0,3}(blue|purple|grey|gray)|(blue|purple) lips/,
    ],
  },
  {
    category: 'unconscious', negatable: true, patterns: [
      /昏迷|晕倒|昏倒|失去(了)?意识|叫不醒|不省人事|抽搐不止|一直抽搐/,
      /unconscious|passed out|unresponsive|not responding|won'?t wake up|collapsed|having a seizure|seizure (that )?won'?t stop/,
    ],
  },
];

const NEGATION = /(没有|没|无|不是|并没有|否认)$|(\bno|\bnot|\bnever|n'?t have|\bwithout|\bdenies|\bnor)( any)?( \w+)?$/;

/** Every rule's patterns in one expression (no negation check): the classifier hint that routes such messages to `emergency`. */
export const RED_FLAG_PATTERN = new RegExp(RED_FLAG_RULES.flatMap((rule) => rule.patterns.map((p) => p.source)).join('|'));

/**
 * The first red flag in a message, or null. Pure and deterministic — safety does not depend on the classifier.
 *
 * @example detectRedFlag('我爸突然嘴歪了，说话不清楚') // { category: 'stroke', matched: '嘴歪' }
 */
export function detectRedFlag(text: string): RedFlag | null {
  const normalized = normalize(text);
  for (const rule of RED_FLAG_RULES) {
    for (const pattern of rule.patterns) {
      const global = new RegExp(pattern.source, 'g');
      for (const match of normalized.matchAll(global)) {
        const before = normalized.slice(Math.max(0, match.index - 14), match.index).trimEnd();
        if (rule.negatable && NEGATION.test(before)) continue;
        return { category: rule.category, matched: match[0] };
      }
    }
  }
  return null;
}
