import type { Skill, SkillContext, SkillStatus } from '../../../engine/pack.ts';
import type { TrafficReport } from '../providers/traffic-provider.ts';
import type { Forecast } from '../providers/weather-provider.ts';
import type { TravelDb } from '../store/types.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';
import { districtIn, districtName, placeIn } from './place-names.ts';
import { recentFocus, rememberFocus } from './trip-focus.ts';
import { enqueueOtherQuestions } from './also-asked.ts';

type Context = SkillContext<TravelDb>;

/** Days from today a text names (今天 = 0), or null when it names none. */
function offsetOf(text: string): number | null {
  if (/大后天|in three days/i.test(text)) return 3;
  if (/后天|day after tomorrow/i.test(text)) return 2;
  if (/明天|明日|tomorrow/i.test(text)) return 1;
  if (/今天|今日|现在|这会|today|now|tonight/i.test(text)) return 0;
  return null;
}

/** The district of the text: named directly, or where a named attraction is; null when it names none. */
function districtOf(ctx: Context, text: string): string | null {
  const direct = districtIn(text);
  if (direct) return direct;
  const place = placeIn(ctx.data, text);
  const found = place ? [...ctx.data.attractions, ...ctx.data.hotels].find((p) => p.name === place || p.metro === place) : undefined;
  return found && found.district !== '其他' ? found.district : null;
}

/**
 * Place and day of a weather or traffic question: from its own words, else from the question just before it
 * ("…天气怎么样？路上堵不堵？"), else today in 东城 (the centre). The answer becomes the focus for the next one.
 */
function whereAndWhen(ctx: Context): { text: string; district: string; offset: number } {
  const text = normalizeKeepCase(ctx.turn.text);
  const focus = recentFocus(ctx);
  const district = districtOf(ctx, text) ?? focus?.district ?? '东城';
  const offset = offsetOf(text) ?? focus?.offset ?? 0;
  rememberFocus(ctx, { district, offset });
  return { text, district, offset };
}

function dayWord(ctx: Context, offset: number): string {
  return ctx.text(`day.${Math.min(offset, 3)}`);
}

/** Weather questions through the WeatherProvider port: sky, temperatures, rain chance, air quality and advice. */
export const weatherSkill: Skill<TravelDb> = {
  name: 'weather',
  intents: ['weather_query'],
  async run(ctx): Promise<SkillStatus> {
    const { district, offset } = whereAndWhen(ctx);
    enqueueOtherQuestions(ctx, 'weather');
    const outcome = await ctx.call<Forecast>('get_weather', { district, offset_days: offset });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const f = outcome.result!;
    const advice = f.indoor_advised ? 'weather.advice_indoor' : f.sky === 'light_rain' ? 'weather.advice_umbrella' : f.sky === 'haze' ? 'weather.advice_haze' : f.high >= 30 ? 'weather.advice_hot' : f.high <= 5 ? 'weather.advice_cold' : 'weather.advice_fine';
    ctx.say('weather.report', {
      day: dayWord(ctx, offset), date: f.date, district: districtName(f.district, ctx.locale), sky: ctx.text(`sky.${f.sky}`),
      low: f.low, high: f.high, rain: f.rain_chance, aqi: f.aqi, advice: ctx.text(advice),
    });
    return 'done';
  },
};

/** Traffic questions through the TrafficProvider port: congestion, tail-number restriction, metro-or-taxi advice. */
export const trafficSkill: Skill<TravelDb> = {
  name: 'traffic',
  intents: ['traffic_query'],
  async run(ctx): Promise<SkillStatus> {
    const { text, district, offset } = whereAndWhen(ctx);
    enqueueOtherQuestions(ctx, 'traffic');
    const period = /晚上|傍晚|晚高峰|evening|tonight|night/i.test(text) ? 'evening' : /下午|afternoon/i.test(text) ? 'afternoon' : 'morning';
    const outcome = await ctx.call<TrafficReport>('get_traffic', { district, offset_days: offset, period });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const t = outcome.result!;
    const restriction = t.restricted_digits.length ? ctx.text('traffic.restricted', { digits: t.restricted_digits.join(ctx.locale === 'zh' ? '和' : ' and ') }) : ctx.text('traffic.no_restriction');
    ctx.say('traffic.report', {
      day: dayWord(ctx, offset), period: ctx.text(`period.${t.period}`), district: districtName(t.district, ctx.locale),
      congestion: ctx.text(`congestion.${t.congestion}`), index: String(t.index), restriction, advice: ctx.text(`traffic.advice_${t.advice}`),
    });
    return 'done';
  },
};
