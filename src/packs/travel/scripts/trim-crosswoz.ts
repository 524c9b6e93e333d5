/**
 * Copies the parts of the CrossWOZ Beijing database the travel pack uses into data/crosswoz/, trimmed to the fields
 * the planner reads (name, district, metro station, price, rating, a few neighbours) so the copy stays small.
 * Run: npx tsx src/packs/travel/scripts/trim-crosswoz.ts /work/shared/datasets/crosswoz/database
 * Deterministic: same input, same output (source order kept, lists cut to their first entries).
 */
import { readFile, writeFile } from 'node:fs/promises';

const DISTRICTS = ['东城', '西城', '朝阳', '海淀', '丰台', '石景山', '通州', '顺义', '昌平', '大兴', '房山', '门头沟', '怀柔', '平谷', '密云', '延庆'];

function district(address: string): string {
  return DISTRICTS.find((name) => address.includes(`${name}区`) || address.includes(`${name}县`)) ?? DISTRICTS.find((name) => address.includes(name)) ?? '其他';
}

function station(metro: string | null | undefined): string {
  return (metro ?? '').replace(/地铁站.*$/, '').replace(/站.*$/, '').trim();
}

/** Interest tags from the attraction's name (CrossWOZ has no type field); documented in data/crosswoz/README.md. */
function kinds(name: string): string[] {
  const found = new Set<string>();
  if (/博物馆|纪念馆|美术馆|展览馆|科技馆|天文馆|艺术馆|规划馆|体验馆/.test(name)) found.add('museum');
  if (/宫|殿|坛|寺|庙|故居|王府|府|长城|城楼|门$|祠|陵|遗址|观$|教堂|会馆|胡同|国子监|角楼|钟鼓楼|箭楼/.test(name)) found.add('history');
  if (/公园|园$|湖|山|植物|森林|湿地|峡谷|水库|海|岛|银杏/.test(name)) found.add('nature');
  if (/剧场|剧院|大舞台|茶馆|戏楼|大戏院/.test(name)) found.add('show');
  if (/街|市场|商场|广场|三里屯|798|大栅栏|秀水/.test(name)) found.add('shopping');
  if (/乐园|动物园|海洋馆|水立方|欢乐谷|蜡像馆|科学|儿童/.test(name)) found.add('family');
  if (found.size === 0) found.add('sightseeing');
  return [...found];
}

/** The CrossWOZ fields this script reads (each database has some of them). */
interface RawEntry {
  地址: string; 地铁?: string | null; 评分?: number | null; 周边景点?: string[]; 周边餐馆?: string[];
  门票?: number | null; 游玩时间?: string; 酒店类型?: string; 价格?: number | null; 营业时间?: string; 推荐菜?: string[]; 人均消费?: number | null;
}

async function main(source: string) {
  const read = async (file: string) => JSON.parse(await readFile(`${source}/${file}`, 'utf8')) as Array<[string, RawEntry]>;
  const out = new URL('../data/crosswoz/', import.meta.url);
  const [rawAttractions, rawHotels, rawRestaurants] = await Promise.all([read('attraction_db.json'), read('hotel_db.json'), read('restaurant_db.json')]);
  // Popularity: how often the full neighbour lists of every CrossWOZ entry mention a sight (故宫 269 times, a hall inside it 9).
  const mentions = new Map<string, number>();
  for (const [, entry] of [...rawAttractions, ...rawHotels, ...rawRestaurants]) {
    for (const name of entry['周边景点'] ?? []) mentions.set(name, (mentions.get(name) ?? 0) + 1);
  }
  const attractions = rawAttractions.map(([name, a]) => ({
    name, district: district(a['地址']), metro: station(a['地铁']), ticket: a['门票'] ?? 0, duration: a['游玩时间'] ?? '', rating: a['评分'] ?? null,
    mentions: mentions.get(name) ?? 0, kinds: kinds(name), nearby_restaurants: (a['周边餐馆'] ?? []).slice(0, 6),
  }));
  const hotels = rawHotels.map(([name, h]) => ({
    name, type: h['酒店类型'], district: district(h['地址']), metro: station(h['地铁']), price: h['价格'] ?? null, rating: h['评分'] ?? null,
    nearby_attractions: (h['周边景点'] ?? []).slice(0, 6),
  }));
  const restaurants = rawRestaurants.map(([name, r]) => ({
    name, district: district(r['地址']), metro: station(r['地铁']), hours: r['营业时间'] ?? '', dishes: (r['推荐菜'] ?? []).slice(0, 3),
    price: r['人均消费'] ?? null, rating: r['评分'] ?? null,
  }));
  for (const [file, rows] of [['attractions', attractions], ['hotels', hotels], ['restaurants', restaurants]] as const) {
    await writeFile(new URL(`${file}.json`, out), `${JSON.stringify(rows)}\n`);
  }
  console.log(`attractions ${attractions.length}, hotels ${hotels.length}, restaurants ${restaurants.length}`);
}

await main(process.argv[2] ?? '/work/shared/datasets/crosswoz/database');
