import type { Emotion } from './sentiment-model.ts';

/** A cue: its valence on AFINN's −5…5 scale and, when it clearly signals one, the emotion it points to. */
export interface Cue {
  valence: number;
  emotion?: Emotion;
}

type Table = Record<string, [number, Emotion?]>;

function toCues(table: Table): Map<string, Cue> {
  return new Map(Object.entries(table).map(([key, [valence, emotion]]) => [key, { valence, emotion }]));
}

/**
 * Chinese sentiment words and 网络用语 that customers write to service desks. Matched longest-first inside a
 * clause, so the explicit negative compounds ("不满意", "不靠谱") win over their positive parts; entries with
 * valence 0 exist only to shadow a shorter misleading match ("差不多" is not "差").
 */
export const CHINESE_CUES = toCues({
  // 网络用语 / slang
  无语: [-2, 'anger'], 垃圾: [-3, 'anger'], 辣鸡: [-3, 'anger'], 坑爹: [-3, 'anger'], 坑人: [-3, 'anger'], 太坑: [-3, 'anger'],
  被坑: [-3, 'anger'], 醉了: [-2, 'anger'], 服了: [-2, 'anger'], 呵呵: [-1.5, 'anger'], 吐了: [-2, 'anger'], 离谱: [-2.5, 'anger'],
  扯淡: [-3, 'anger'], 忽悠: [-2.5, 'anger'], 骗子: [-3, 'anger'], 骗人: [-3, 'anger'], 智商税: [-2, 'disappointment'], 踩雷: [-2, 'disappointment'],
  翻车: [-2, 'disappointment'], 差评: [-3, 'anger'], 给差评: [-3, 'anger'], 一星: [-2, 'anger'], 水货: [-2, 'disappointment'],
  给力: [2, 'satisfaction'], 好评: [3, 'satisfaction'], 五星: [2, 'satisfaction'], yyds: [3, 'satisfaction'], 点赞: [2, 'satisfaction'],
  牛逼: [2.5, 'satisfaction'], 绝绝子: [2.5, 'satisfaction'], 种草: [1.5, 'satisfaction'], 回购: [2, 'satisfaction'], 无语子: [-2, 'anger'],
  // anger
  气死: [-3, 'anger'], 生气: [-2.5, 'anger'], 愤怒: [-3, 'anger'], 火大: [-3, 'anger'], 恶心: [-3, 'anger'], 投诉: [-2, 'anger'],
  举报: [-2, 'anger'], 差劲: [-3, 'anger'], 太差: [-3, 'anger'], 什么玩意: [-3, 'anger'], 搞什么: [-2.5, 'anger'], 受够: [-3, 'anger'],
  到底: [-1.5, 'anger'], 凭什么: [-2.5, 'anger'], 玩我: [-3, 'anger'], 过分: [-2.5, 'anger'], 不负责任: [-3, 'anger'], 推卸: [-2.5, 'anger'],
  法院: [-2, 'anger'], 还有理: [-2.5, 'anger'], 三次了: [-1.5, 'anger'], 几次了: [-1.5, 'anger'], 第几次: [-1.5, 'anger'], 说法: [-1, 'anger'],
  曝光: [-2, 'anger'], 不可理喻: [-3, 'anger'], 欺骗: [-3, 'anger'], 敷衍: [-2.5, 'anger'], 耍我: [-3, 'anger'], 态度恶劣: [-3, 'anger'], 滚: [-3, 'anger'],
  // anxiety
  担心: [-1.5, 'anxiety'], 着急: [-1.5, 'anxiety'], 焦虑: [-2, 'anxiety'], 急死: [-2.5, 'anxiety'], 怎么办: [-1.5, 'anxiety'],
  害怕: [-2, 'anxiety'], 不放心: [-1.5, 'anxiety'], 慌: [-1.5, 'anxiety'], 还没到账: [-1.5, 'anxiety'], 没到账: [-1.5, 'anxiety'],
  会不会: [-1, 'anxiety'], 来得及: [-1, 'anxiety'], 能保证: [-1, 'anxiety'], 拜托: [-0.5, 'anxiety'], 紧张: [-1.5, 'anxiety'],
  万一: [-1, 'anxiety'], 耽误: [-1.5, 'anxiety'], 怎么回事: [-1, 'anxiety'], 诈骗: [-2, 'anxiety'], 一定要: [-0.5, 'anxiety'],
  怕: [-1, 'anxiety'], 求: [-0.5, 'anxiety'], 丢了: [-1.5, 'anxiety'], 等着用: [-1, 'anxiety'], 之前: [-0.3, 'anxiety'], 扣了: [-1, 'anxiety'], 盗刷: [-2.5, 'anxiety'], 在线等: [-1, 'anxiety'], 急用: [-1.5, 'anxiety'],
  // disappointment
  失望: [-2.5, 'disappointment'], 可惜: [-1.5, 'disappointment'], 遗憾: [-1.5, 'disappointment'], 后悔: [-2, 'disappointment'],
  一般般: [-1, 'disappointment'], 一般: [-1, 'disappointment'], 不如: [-1.5, 'disappointment'], 没想象中: [-1.5, 'disappointment'],
  没有想象中: [-1.5, 'disappointment'], 不值: [-2, 'disappointment'], 心寒: [-2.5, 'disappointment'], 质量差: [-2.5, 'disappointment'],
  难吃: [-3, 'disappointment'], 难用: [-2, 'disappointment'], 糟糕: [-2, 'disappointment'], 凑合: [-0.5, 'disappointment'],
  不一样: [-1.5, 'disappointment'], 不符: [-1.5, 'disappointment'], 缩水: [-2, 'disappointment'], 差距: [-1.5, 'disappointment'],
  拿不出手: [-2, 'disappointment'], 伤心: [-2, 'disappointment'], 白高兴: [-2, 'disappointment'], 以为: [-0.5, 'disappointment'],
  宣传: [-0.5, 'disappointment'], 结果: [-0.3, 'disappointment'], 褪色: [-1.5, 'disappointment'], 起球: [-1.5, 'disappointment'], 破损: [-2, 'disappointment'], 坏了: [-2, 'disappointment'],
  // satisfaction
  满意: [2, 'satisfaction'], 喜欢: [2, 'satisfaction'], 不错: [2, 'satisfaction'], 很好: [2, 'satisfaction'], 太好了: [3, 'satisfaction'],
  好吃: [2, 'satisfaction'], 好用: [2, 'satisfaction'], 赞: [2, 'satisfaction'], 棒: [2, 'satisfaction'], 完美: [3, 'satisfaction'],
  靠谱: [2, 'satisfaction'], 谢谢: [1.5, 'satisfaction'], 感谢: [2, 'satisfaction'], 多谢: [1.5, 'satisfaction'], 辛苦了: [1.5, 'satisfaction'],
  开心: [2, 'satisfaction'], 惊喜: [2.5, 'satisfaction'], 贴心: [2, 'satisfaction'], 耐心: [1.5, 'satisfaction'], 及时: [1.5, 'satisfaction'],
  还行: [0.5], 还可以: [0.5], 挺好: [2, 'satisfaction'], 专业: [1.5, 'satisfaction'], 热情: [1.5, 'satisfaction'], 干净: [1.5, 'satisfaction'],
  新鲜: [1.5, 'satisfaction'], 舒服: [1.5, 'satisfaction'], 方便: [1, 'satisfaction'], 划算: [1.5, 'satisfaction'], 值得: [1.5, 'satisfaction'],
  很快: [1.5, 'satisfaction'], 无可挑剔: [3, 'satisfaction'], 没得说: [2, 'satisfaction'], 没的说: [2, 'satisfaction'], 推荐: [1.5, 'satisfaction'], 好评如潮: [3, 'satisfaction'],
  // negative compounds and shadows
  不满意: [-2, 'disappointment'], 不满: [-2, 'anger'], 不靠谱: [-2.5, 'anger'], 不喜欢: [-2, 'disappointment'], 不好: [-2, 'disappointment'],
  不行: [-1.5], 差: [-2], 烂: [-2], 慢: [-1], 太慢: [-2, 'anger'], 坑: [-2, 'anger'],
  凉了: [-1.5, 'disappointment'], 碎了: [-2, 'disappointment'], 少了: [-1, 'disappointment'], 漏了: [-1.5, 'disappointment'],
  差不多: [0], 快点: [0], 不及时: [-1.5], 不新鲜: [-2, 'disappointment'], 不舒服: [-1.5, 'disappointment'], 不推荐: [-2, 'disappointment'], 差点: [0], 慢慢: [0], 不差: [1], 不慢: [1], 一般来说: [0], 好不好: [0], 不好意思: [0], 谢谢你们的回复: [1.5],
});

/** English cues AFINN lacks or rates too mildly for service messages; AFINN supplies the rest. */
export const ENGLISH_CUES = toCues({
  scam: [-3, 'anger'], ridiculous: [-3, 'anger'], unacceptable: [-3, 'anger'], furious: [-3, 'anger'], joke: [-2, 'anger'],
  worst: [-3, 'anger'], wtf: [-4, 'anger'], pathetic: [-3, 'anger'], useless: [-2, 'anger'], 'fed up': [-3, 'anger'], sucks: [-3, 'anger'],
  worried: [-2, 'anxiety'], anxious: [-2, 'anxiety'], nervous: [-2, 'anxiety'], concerned: [-1.5, 'anxiety'], scared: [-2, 'anxiety'],
  'still waiting': [-1.5, 'anxiety'], 'charged twice': [-2, 'anxiety'], 'double charged': [-2, 'anxiety'], 'help me': [-0.5, 'anxiety'],
  disappointed: [-2.5, 'disappointment'], disappointing: [-2.5, 'disappointment'], 'let down': [-2, 'disappointment'], meh: [-1, 'disappointment'],
  mediocre: [-2, 'disappointment'], cheap: [-1, 'disappointment'], flimsy: [-2, 'disappointment'], broke: [-2, 'disappointment'],
  demand: [-1.5, 'anger'], disgrace: [-3, 'anger'], disgraceful: [-3, 'anger'], livid: [-4, 'anger'], outrageous: [-3, 'anger'],
  again: [-0.5, 'anger'], enough: [-1, 'anger'], report: [-1, 'anger'], even: [-0.5, 'anger'], 'third time': [-2, 'anger'],
  'fourth time': [-2, 'anger'], 'right now': [-0.5, 'anger'], rude: [-2.5, 'anger'], hell: [-2, 'anger'], excuses: [-2, 'anger'],
  stressed: [-2, 'anxiety'], afraid: [-2, 'anxiety'], panic: [-2.5, 'anxiety'], hope: [0, 'anxiety'], 'in time': [-1, 'anxiety'],
  'what should': [-1, 'anxiety'], 'any news': [-1, 'anxiety'], lost: [-2, 'anxiety'], stuck: [-1.5, 'anxiety'], tomorrow: [-0.3, 'anxiety'],
  'by friday': [-0.5, 'anxiety'], before: [-0.3, 'anxiety'], safe: [0, 'anxiety'], 'not sure': [-1, 'anxiety'], need: [-0.3, 'anxiety'],
  expected: [-1, 'disappointment'], described: [-0.5, 'disappointment'], sad: [-2, 'disappointment'], shame: [-2, 'disappointment'],
  unfortunately: [-2, 'disappointment'], sadly: [-2, 'disappointment'], 'nothing like': [-2, 'disappointment'], letdown: [-2.5, 'disappointment'],
  regret: [-2, 'disappointment'], worse: [-2, 'disappointment'], hoping: [-0.5, 'disappointment'], thought: [-0.3, 'disappointment'],
  'like it': [2, 'satisfaction'], 'like this': [2, 'satisfaction'], liked: [2, 'satisfaction'], 'as described': [1, 'satisfaction'],
  thanks: [2, 'satisfaction'], thank: [2, 'satisfaction'], appreciate: [2, 'satisfaction'], perfect: [3, 'satisfaction'], love: [3, 'satisfaction'],
  great: [3, 'satisfaction'], awesome: [3, 'satisfaction'], excellent: [3, 'satisfaction'], happy: [3, 'satisfaction'], lifesaver: [3, 'satisfaction'],
});

/** Emoji valence and emotion. */
export const EMOJI_CUES = toCues({
  '😡': [-3, 'anger'], '😠': [-3, 'anger'], '🤬': [-4, 'anger'], '😤': [-2.5, 'anger'], '👿': [-3, 'anger'], '💢': [-2, 'anger'], '🖕': [-4, 'anger'],
  '😰': [-2, 'anxiety'], '😟': [-1.5, 'anxiety'], '😥': [-1.5, 'anxiety'], '😱': [-2, 'anxiety'], '😨': [-2, 'anxiety'], '😓': [-1, 'anxiety'],
  '🥺': [-1, 'anxiety'], '😬': [-1, 'anxiety'], '🙏': [0.5],
  '😞': [-2, 'disappointment'], '😔': [-1.5, 'disappointment'], '😒': [-1.5, 'disappointment'], '😢': [-2, 'disappointment'],
  '😭': [-2, 'disappointment'], '💔': [-2, 'disappointment'], '👎': [-2.5, 'disappointment'], '🙄': [-1.5, 'disappointment'], '😑': [-1],
  '👍': [2, 'satisfaction'], '😊': [2, 'satisfaction'], '😀': [2, 'satisfaction'], '😃': [2, 'satisfaction'], '😄': [2, 'satisfaction'],
  '😁': [2, 'satisfaction'], '🥰': [3, 'satisfaction'], '😍': [3, 'satisfaction'], '❤': [3, 'satisfaction'], '👏': [2, 'satisfaction'],
  '🎉': [2, 'satisfaction'], '💯': [2, 'satisfaction'], '🌹': [1, 'satisfaction'], '😘': [2, 'satisfaction'], '🤝': [1, 'satisfaction'],
});

/** Words that strengthen (> 1) or soften (< 1) the cue that follows them. */
export const INTENSIFIERS = new Map<string, number>([
  ['非常', 1.5], ['特别', 1.5], ['超级', 1.6], ['超', 1.4], ['太', 1.4], ['很', 1.3], ['真', 1.3], ['真的', 1.3], ['极其', 1.7],
  ['十分', 1.5], ['巨', 1.5], ['贼', 1.4], ['好', 1.2], ['最', 1.5], ['有点', 0.6], ['有些', 0.6], ['稍微', 0.5], ['略', 0.6], ['还算', 0.7],
  ['very', 1.3], ['really', 1.3], ['so', 1.3], ['extremely', 1.7], ['super', 1.5], ['too', 1.3], ['totally', 1.4], ['absolutely', 1.5],
  ['completely', 1.4], ['incredibly', 1.6], ['quite', 1.1], ['bit', 0.6], ['slightly', 0.5], ['somewhat', 0.6], ['kinda', 0.6], ['little', 0.7],
]);

/** Urgency cues with their weight (0…1); combined as independent evidence. */
export const URGENCY_CUES = new Map<string, number>([
  ['马上', 0.5], ['立刻', 0.55], ['立即', 0.55], ['赶紧', 0.55], ['赶快', 0.5], ['尽快', 0.45], ['急', 0.35], ['着急', 0.45],
  ['急用', 0.5], ['等不了', 0.5], ['快点', 0.4], ['快一点', 0.4], ['现在就', 0.5], ['速度', 0.35], ['火速', 0.6], ['十万火急', 0.8],
  ['今天必须', 0.5], ['在线等', 0.45], ['急死', 0.55],
  ['asap', 0.6], ['urgent', 0.6], ['urgently', 0.6], ['immediately', 0.55], ['right now', 0.5], ['right away', 0.5], ['hurry', 0.45],
  ['emergency', 0.6], ['as soon as possible', 0.5], ['today', 0.2], ['now', 0.2],
]);
