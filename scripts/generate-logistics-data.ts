/**
 * Generates the logistics pack's demo backend: customers.json and shipments.json under src/packs/logistics/data/.
 * ~80 customers and ~200 shipments across every status (awaiting pickup … delivered, delayed, lost), with event
 * timelines, freight from the pack's own tariff and promised delivery times from its service levels.
 *
 * Deterministic: a seeded mulberry32 PRNG and a fixed reference time; no Date.now(), no network.
 * Run: npx tsx scripts/generate-logistics-data.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CITIES, cityById } from '../src/packs/logistics/rules/cities.ts';
import { quotePrice, TARIFF, zoneOf } from '../src/packs/logistics/rules/pricing.ts';
import type { Customer, ExceptionReason, Party, Shipment, ShipmentEvent, ShipmentStatus } from '../src/packs/logistics/store/types.ts';
import { seededRandom } from '../src/engine/seeded-random.ts';

const SEED = 20261121;
/** Every event is before this instant (the demo "now" is 2026-11-20 10:00 Beijing time). */
const REFERENCE_MS = Date.parse('2026-11-20T09:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CUSTOMER_COUNT = 80;

const outputDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/packs/logistics/data');

// The project's one seeded PRNG (mulberry32), so data generation and training share it.
const mulberry32 = seededRandom;
const random = mulberry32(SEED);
const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (probability: number): boolean => random() < probability;
const digits = (count: number): string => Array.from({ length: count }, () => integer(0, 9)).join('');
const iso = (ms: number): string => new Date(Math.round(ms / 60_000) * 60_000 + 8 * HOUR).toISOString().replace(/\.\d{3}Z$/, '+08:00');

const SURNAMES = [['张', 'Zhang'], ['王', 'Wang'], ['李', 'Li'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['赵', 'Zhao'], ['黄', 'Huang'], ['周', 'Zhou'], ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao']] as const;
const GIVEN = [['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['磊', 'Lei'], ['洋', 'Yang'], ['艳', 'Yan'], ['勇', 'Yong'], ['杰', 'Jie'], ['婷', 'Ting'], ['涛', 'Tao'], ['明', 'Ming'], ['超', 'Chao'], ['霞', 'Xia'], ['平', 'Ping'], ['刚', 'Gang'], ['丽华', 'Lihua'], ['建国', 'Jianguo'], ['晓燕', 'Xiaoyan'], ['子涵', 'Zihan'], ['浩然', 'Haoran']] as const;
const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平路', '长江路', '文化路', '新华路', '学府路', '滨江大道'];
const CONTENTS = ['clothes', 'books', 'phone_accessories', 'tea', 'cosmetics', 'documents', 'small_appliance', 'snacks', 'shoes', 'toys'];
const EXCEPTIONS: ExceptionReason[] = ['weather', 'backlog', 'address_issue', 'traffic_control'];
const PREFIXES = ['138', '139', '158', '186', '177', '135', '152', '189'];

function address(cityId: string): string {
  const city = cityById(cityId)!;
  return `${city.zh}市${pick(['东城', '西城', '高新', '滨湖', '开发', '新城'])}区${pick(STREETS)}${integer(1, 899)}号${chance(0.6) ? `${integer(1, 30)}栋${integer(101, 2505)}室` : ''}`;
}

const customers: Customer[] = [];
const phones = new Set<string>();
for (let i = 0; i < CUSTOMER_COUNT; i++) {
  const [surname, surnameEn] = pick(SURNAMES);
  const [given, givenEn] = pick(GIVEN);
  let phone = '';
  do phone = pick(PREFIXES) + digits(8); while (phones.has(phone) || [...phones].some((p) => p.slice(-4) === phone.slice(-4)));
  phones.add(phone);
  customers.push({ customer_id: `c${String(i + 1).padStart(3, '0')}`, name: `${surname}${given}`, name_en: `${givenEn} ${surnameEn}`, phone, city: pick(CITIES).id });
}

const party = (customer: Customer): Party => ({ customer_id: customer.customer_id, name: customer.name, phone: customer.phone, city: customer.city, address: address(customer.city) });

const waybills = new Set<string>();
function newWaybill(): string {
  let id = '';
  do {
    const form = random();
    id = form < 0.45 ? `SF${digits(12)}` : form < 0.75 ? `YT${digits(13)}` : `${integer(1, 9)}${digits(integer(11, 14))}`;
  } while (waybills.has(id));
  waybills.add(id);
  return id;
}

/** Scans along the route: pickup, origin departure, a hub for long routes, destination arrival, delivery run. */
function routeEvents(origin: string, destination: string, start: number, promiseMs: number): ShipmentEvent[] {
  const events: ShipmentEvent[] = [{ time: iso(start), code: 'created', city: origin }];
  let t = start + integer(2, 6) * HOUR;
  events.push({ time: iso(t), code: 'picked_up', city: origin });
  t += integer(3, 8) * HOUR;
  events.push({ time: iso(t), code: 'departed', city: origin });
  const from = cityById(origin)!;
  const to = cityById(destination)!;
  const leg = Math.max(6 * HOUR, (promiseMs - (t - start)) / 3);
  if (from.region !== to.region && origin !== destination) {
    const hub = pick(['wuhan', 'zhengzhou', 'changsha'].filter((h) => h !== origin && h !== destination));
    t += leg * (0.6 + random() * 0.3);
    events.push({ time: iso(t), code: 'arrived', city: hub });
    t += integer(2, 6) * HOUR;
    events.push({ time: iso(t), code: 'departed', city: hub });
  }
  if (origin !== destination) {
    t += leg * (0.6 + random() * 0.3);
    events.push({ time: iso(t), code: 'arrived', city: destination });
  }
  t += integer(3, 10) * HOUR;
  events.push({ time: iso(t), code: 'out_for_delivery', city: destination });
  t += integer(1, 5) * HOUR;
  events.push({ time: iso(t), code: 'delivered', city: destination });
  return events;
}

type Plan = { status: ShipmentStatus; variant?: 'overdue' | 'stalled' | 'silent' | 'late' };
const PLANS: Array<[Plan, number]> = [
  [{ status: 'awaiting_pickup' }, 18], [{ status: 'picked_up' }, 14], [{ status: 'in_transit' }, 34],
  [{ status: 'in_transit', variant: 'overdue' }, 14], [{ status: 'in_transit', variant: 'stalled' }, 8], [{ status: 'in_transit', variant: 'silent' }, 6],
  [{ status: 'delayed' }, 16], [{ status: 'out_for_delivery' }, 14], [{ status: 'delivered' }, 50], [{ status: 'delivered', variant: 'late' }, 12],
  [{ status: 'lost' }, 14],
];

const shipments: Record<string, Shipment> = {};
for (const [plan, count] of PLANS) {
  for (let n = 0; n < count; n++) {
    const sender = pick(customers);
    let recipientCustomer = pick(customers);
    while (recipientCustomer === sender) recipientCustomer = pick(customers);
    const service = chance(0.35) ? 'express' : 'standard';
    const weight = Math.round((chance(0.8) ? 0.3 + random() * 4.7 : 5 + random() * 25) * 10) / 10;
    const zone = zoneOf(cityById(sender.city)!, cityById(recipientCustomer.city)!);
    const promiseMs = TARIFF[service][zone].promiseDays * DAY;
    const freight = quotePrice({ from: sender.city, to: recipientCustomer.city, weightKg: weight, service }).total;
    // Where "now" falls on the route decides the status; the route is shifted back in time to put it there.
    const draft = routeEvents(sender.city, recipientCustomer.city, 0, promiseMs);
    const at = (code: string) => Date.parse(draft.find((e) => e.code === code)!.time) - Date.parse(draft[0].time);
    const moving = draft.filter((e) => e.code === 'departed' || e.code === 'arrived');
    let start: number;
    let keep: number;
    let exception: ExceptionReason | undefined;
    const extra: ShipmentEvent[] = [];
    switch (plan.status) {
      case 'awaiting_pickup': start = REFERENCE_MS - integer(1, 20) * HOUR; keep = 1; break;
      case 'picked_up': start = REFERENCE_MS - at('picked_up') - integer(1, 3) * HOUR; keep = 2; break;
      case 'in_transit': {
        keep = 2 + integer(1, moving.length);
        const lastOffset = Date.parse(draft[keep - 1].time) - Date.parse(draft[0].time);
        const silence = plan.variant === 'stalled' ? integer(50, 110) * HOUR : plan.variant === 'silent' ? integer(8, 12) * DAY : integer(1, 20) * HOUR;
        start = REFERENCE_MS - lastOffset - silence;
        if (plan.variant === 'overdue') start = Math.min(start, REFERENCE_MS - promiseMs - integer(6, 80) * HOUR);
        if (plan.variant === 'stalled') start = Math.max(start, REFERENCE_MS - promiseMs + 6 * HOUR);
        if (plan.variant === 'stalled' && REFERENCE_MS - (start + lastOffset) < 49 * HOUR) start = REFERENCE_MS - lastOffset - 50 * HOUR;
        break;
      }
      case 'delayed': {
        keep = 2 + integer(1, moving.length);
        const lastOffset = Date.parse(draft[keep - 1].time) - Date.parse(draft[0].time);
        start = REFERENCE_MS - lastOffset - integer(8, 30) * HOUR;
        exception = pick(EXCEPTIONS);
        extra.push({ time: iso(REFERENCE_MS - integer(1, 6) * HOUR), code: 'exception', city: draft[keep - 1].city, reason: exception });
        break;
      }
      case 'out_for_delivery': start = REFERENCE_MS - at('out_for_delivery') - integer(1, 3) * HOUR; keep = draft.length - 1; break;
      case 'delivered': {
        keep = draft.length;
        const delivered = at('delivered');
        start = REFERENCE_MS - delivered - integer(2, 40 * 24) * HOUR;
        if (plan.variant === 'late') {
          // Stretch the last leg so delivery lands 50–120 h after the promise.
          const lateBy = integer(50, 120) * HOUR;
          const shift = promiseMs + lateBy - delivered;
          for (const event of draft.slice(-3)) event.time = iso(Date.parse(event.time) + Math.max(0, shift));
          start = REFERENCE_MS - Math.max(delivered, promiseMs + lateBy) - integer(24, 20 * 24) * HOUR;
        }
        break;
      }
      case 'lost': {
        keep = 2 + integer(1, moving.length);
        const lastOffset = Date.parse(draft[keep - 1].time) - Date.parse(draft[0].time);
        start = REFERENCE_MS - lastOffset - integer(10, 25) * DAY;
        const lastScan = start + lastOffset;
        extra.push({ time: iso(lastScan + integer(4, 6) * DAY), code: 'trace_opened', city: draft[keep - 1].city });
        extra.push({ time: iso(lastScan + integer(8, 9) * DAY), code: 'declared_lost', city: draft[keep - 1].city });
        break;
      }
    }
    const events = [...draft.slice(0, keep).map((e) => ({ ...e, time: iso(Date.parse(e.time) - Date.parse(draft[0].time) + start) })), ...extra];
    const declared = chance(0.75) ? pick([100, 200, 300, 500, 800, 1000, 1500, 2000, 3000]) : 0;
    const shipment: Shipment = {
      waybill: newWaybill(), service, status: plan.status, sender: party(sender), recipient: party(recipientCustomer),
      weight_kg: weight, freight, declared_value: declared, insured: declared > 0 && chance(0.4), contents: pick(CONTENTS),
      created_at: events[0].time, promised_by: iso(start + promiseMs), events,
    };
    if (exception) shipment.exception = exception;
    shipments[shipment.waybill] = shipment;
  }
}

const byId = Object.fromEntries(customers.map((c) => [c.customer_id, c]));
writeFileSync(join(outputDirectory, 'customers.json'), `${JSON.stringify(byId, null, 1)}\n`);
writeFileSync(join(outputDirectory, 'shipments.json'), `${JSON.stringify(shipments, null, 1)}\n`);
const counts: Record<string, number> = {};
for (const s of Object.values(shipments)) counts[s.status] = (counts[s.status] ?? 0) + 1;
console.log(`customers: ${customers.length}, shipments: ${Object.keys(shipments).length}`, counts);
