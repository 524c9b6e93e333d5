import type { Localized } from '../types.ts';

/**
 * Small lexicon for pre-sale questions: who the gift is for, the occasion, the activity, and price cues. A cue
 * expands the question with words of products that fit ("送爸爸" → 茶, 手表, shaver …) and names itself in the
 * one-line reason ("适合送爸爸"). Words are matched against product content, so the lexicon never names products.
 */
export interface QueryCue {
  id: string;
  pattern: RegExp;
  /** Extra query words (both languages: the catalogue may be in either). */
  expand: string[];
  label: Localized;
}

export const QUERY_CUES: readonly QueryCue[] = [
  { id: 'father', pattern: /爸|父亲|老爸|岳父|公公|\b(dad|father|daddy)\b/i, expand: ['茶', '龙井', '手表', 'watch', 'wristwatch', '按摩', '保温杯', 'flask', '剃须', 'wallet', 'headphones', '耳机', 'coffee', 'grill'], label: { zh: '适合送爸爸', en: 'a good gift for a father' } },
  { id: 'mother', pattern: /妈|母亲|老妈|婆婆|岳母|\b(mom|mum|mother)\b/i, expand: ['面霜', 'cream', '精华', 'serum', '真丝', 'silk', 'perfume', '香水', '加湿器', 'humidifier', 'purifier', '净化器', 'makeup', '乳胶枕'], label: { zh: '适合送妈妈', en: 'a good gift for a mother' } },
  { id: 'elder', pattern: /老人|长辈|爷爷|奶奶|外公|外婆|\b(elderly|grandparents?|grandpa|grandma)\b/i, expand: ['茶', '保温杯', 'flask', '净水器', 'purifier', '乳胶枕', 'pillow', 'kettle', '电水壶', '大米'], label: { zh: '适合长辈', en: 'suits older relatives' } },
  { id: 'partner', pattern: /女朋友|老婆|媳妇|女友|\b(girlfriend|wife)\b/i, expand: ['香水', 'perfume', '口红', 'lipstick', '真丝', 'silk', 'dress', '连衣裙', 'makeup', 'earbuds'], label: { zh: '适合送她', en: 'a good gift for her' } },
  { id: 'boyfriend', pattern: /男朋友|老公|男友|\b(boyfriend|husband)\b/i, expand: ['手表', 'watch', '键盘', 'keyboard', '鼠标', 'mouse', '耳机', 'headphones', 'earbuds', 'perfume', 'backpack'], label: { zh: '适合送他', en: 'a good gift for him' } },
  { id: 'child', pattern: /孩子|宝宝|婴儿|小孩|儿童|\b(baby|kids?|child|children|toddler)\b/i, expand: ['婴儿', '儿童', '奶瓶', 'stroller', '推车', 'puzzle', 'skateboard', 'bottle', '湿巾', '纸尿裤', '安全座椅'], label: { zh: '适合孩子', en: 'good for children' } },
  { id: 'runner', pattern: /跑步|跑者|马拉松|\b(runner|running|jog|jogging|marathon)\b/i, expand: ['跑步', 'running', 'shoes', '运动', 'sport', '手表', 'smart', 'watch', 'earbuds', '耳机', 'water', 'bottle', '跳绳'], label: { zh: '适合跑步', en: 'made for running' } },
  { id: 'fitness', pattern: /健身|运动|锻炼|瑜伽|\b(fitness|gym|workout|exercise|yoga|sport)\b/i, expand: ['运动', '瑜伽', 'yoga', 'mat', '哑铃', 'dumbbell', '跳绳', 'shoes', 'bottle', 'helmet'], label: { zh: '适合运动健身', en: 'for working out' } },
  { id: 'outdoor', pattern: /户外|徒步|露营|骑行|旅行|出差|\b(outdoor|hiking|camping|cycling|travel|trip)\b/i, expand: ['户外', 'hiking', 'boots', 'backpack', '双肩包', 'luggage', '行李箱', 'helmet', '头盔', 'camera', '相机', 'bicycle', '自行车', '充电宝', 'charger'], label: { zh: '适合户外出行', en: 'for outdoor trips' } },
  { id: 'office', pattern: /办公|上班|工作|学习|学生|\b(office|work|study|student|desk)\b/i, expand: ['办公', 'office', 'chair', '椅', 'desk', '台灯', 'lamp', 'laptop', '笔记本', 'monitor', '显示器', 'keyboard', 'notebook', 'backpack'], label: { zh: '适合办公学习', en: 'for work and study' } },
  { id: 'gamer', pattern: /游戏|电竞|\b(gam(er|ing)|esports?)\b/i, expand: ['游戏', 'gaming', 'mouse', '鼠标', 'keyboard', '键盘', 'headphones', '耳机', 'monitor'], label: { zh: '适合玩游戏', en: 'for gamers' } },
  { id: 'kitchen', pattern: /厨房|做饭|烹饪|早餐|\b(kitchen|cook|cooking|breakfast)\b/i, expand: ['厨房', '电饭煲', 'cooker', '空气炸锅', 'fryer', '破壁机', 'blender', 'kettle', 'coffee', 'grill'], label: { zh: '厨房好帮手', en: 'for the kitchen' } },
  { id: 'coffee', pattern: /咖啡|\bcoffee|espresso\b/i, expand: ['咖啡', 'coffee', 'espresso', '咖啡豆', 'beans'], label: { zh: '适合爱咖啡的人', en: 'for coffee lovers' } },
  { id: 'home', pattern: /新家|乔迁|家居|家里|\b(housewarming|new home|home)\b/i, expand: ['家居', '家电', 'purifier', 'vacuum', '吸尘器', 'lamp', 'bedding', '四件套', 'thermostat', 'bulb'], label: { zh: '适合新家', en: 'for the home' } },
  { id: 'gift', pattern: /送|礼物|礼品|礼盒|生日|节日|\b(gift|present|birthday)\b/i, expand: ['礼盒', 'gift'], label: { zh: '适合送礼', en: 'a good gift' } },
];

export interface PriceRange {
  min?: number;
  max?: number;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)\s*(k|千|万)?`;
const toAmount = (digits: string, unit?: string) => Number(digits) * (unit === 'k' || unit === '千' ? 1000 : unit === '万' ? 10000 : 1);

/** "under $100", "less than 50 dollars", "100元以内", "不超过200", "预算300", "200-500元", "over $50". */
export function parsePriceRange(text: string): PriceRange | null {
  const lower = text.toLowerCase();
  const between = lower.match(new RegExp(`${NUMBER}\\s*(?:-|~|到|至|to)\\s*[$¥￥]?\\s*${NUMBER}`));
  if (between && /[$¥￥元块]|dollar|budget|预算|价/.test(lower)) return { min: toAmount(between[1], between[2]), max: toAmount(between[3], between[4]) };
  const maxMatch = lower.match(new RegExp(`(?:under|below|less than|cheaper than|at most|up to|max(?:imum)?|budget(?: of| is)?|不超过|不到|低于|少于|预算|最多)\\s*[$¥￥]?\\s*${NUMBER}`))
    ?? lower.match(new RegExp(`[$¥￥]?\\s*${NUMBER}\\s*(?:元|块|dollars?|usd|rmb)?\\s*(?:以内|以下|之内|左右|or less|max)`));
  if (maxMatch) return { max: toAmount(maxMatch[1], maxMatch[2]) * (/左右/.test(maxMatch[0]) ? 1.2 : 1) };
  const minMatch = lower.match(new RegExp(`(?:over|above|more than|at least|超过|高于|以上)\\s*[$¥￥]?\\s*${NUMBER}`))
    ?? lower.match(new RegExp(`${NUMBER}\\s*(?:元|块)?\\s*以上`));
  if (minMatch) return { min: toAmount(minMatch[1], minMatch[2]) };
  if (/便宜|实惠|性价比|平价|\b(cheap|affordable|budget)\b/.test(lower)) return { max: Number.NaN };
  return null;
}

/** Cues found in a question, in lexicon order. */
export function findQueryCues(text: string): QueryCue[] {
  return QUERY_CUES.filter((cue) => cue.pattern.test(text));
}
