import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Shape checks for the e-commerce pack's knowledge and NLU data. The FAQ parser used here is a minimal local one
// (the engine's real parser lives elsewhere); it follows docs/briefs/faq-format.md.

const directory = dirname(fileURLToPath(import.meta.url));
const packDirectory = join(directory, '..');
const read = (path: string): string => readFileSync(join(packDirectory, path), 'utf8');

interface FaqEntry { question: string; line: number; meta: Record<string, string>; answer: string }

function parseFaq(text: string): FaqEntry[] {
  const lines = text.split('\n');
  const entries: FaqEntry[] = [];
  let current: (FaqEntry & { inMeta: boolean; body: string[] }) | undefined;
  const finish = () => {
    if (current) entries.push({ question: current.question, line: current.line, meta: current.meta, answer: current.body.join('\n').trim() });
  };
  lines.forEach((line, index) => {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      finish();
      current = { question: heading[1].trim(), line: index + 1, meta: {}, answer: '', inMeta: true, body: [] };
      return;
    }
    if (!current) return;
    const meta = current.inMeta ? /^(id|tags|alt):\s*(.*)$/.exec(line) : null;
    if (meta) current.meta[meta[1]] = meta[2].trim();
    else if (current.inMeta && line.trim() === '') current.inMeta = false;
    else current.body.push(line);
  });
  finish();
  return entries;
}

describe.each(['zh', 'en'])('faq.%s.md', (locale) => {
  const entries = parseFaq(read(`knowledge/faq.${locale}.md`));

  it('has at least 70 entries with unique kebab-case ids', () => {
    expect(entries.length).toBeGreaterThanOrEqual(70);
    const ids = entries.map((entry) => entry.meta.id);
    for (const [index, id] of ids.entries()) expect(id, `entry at line ${entries[index].line}`).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every entry tags, 2–5 alternative phrasings and a concise answer', () => {
    for (const entry of entries) {
      const where = `${entry.meta.id} (line ${entry.line})`;
      expect(entry.meta.tags, where).toBeTruthy();
      const alternatives = (entry.meta.alt ?? '').split('|').map((phrase) => phrase.trim()).filter(Boolean);
      expect(alternatives.length, where).toBeGreaterThanOrEqual(2);
      expect(alternatives.length, where).toBeLessThanOrEqual(5);
      expect(entry.answer.length, where).toBeGreaterThan(10);
      expect(entry.answer.length, where).toBeLessThan(600);
      expect(entry.answer, where).not.toMatch(/^(id|tags|alt):/m);
    }
  });

  it('covers every required topic', () => {
    const prefixes = new Set(entries.map((entry) => entry.meta.id.split('-')[0]));
    for (const topic of ['shipping', 'return', 'refund', 'exchange', 'warranty', 'payment', 'invoice', 'member', 'order', 'account', 'price', 'repair', 'contact']) {
      expect(prefixes, topic).toContain(topic);
    }
  });
});

describe('faq policy facts', () => {
  const zh = parseFaq(read('knowledge/faq.zh.md'));
  const en = parseFaq(read('knowledge/faq.en.md'));
  const answer = (entries: FaqEntry[], id: string) => entries.find((entry) => entry.meta.id === id)?.answer ?? '';

  it('keeps store A refund timing identical to tau-retail/wiki.md', () => {
    const wiki = read('data/tau-retail/wiki.md');
    expect(wiki).toContain('immediately if it is gift card, otherwise in 5 to 7 business days');
    expect(answer(en, 'refund-time')).toMatch(/gift card are immediate/);
    expect(answer(en, 'refund-time')).toMatch(/5 to 7 business days/);
    expect(answer(en, 'refund-cancel-time')).toMatch(/immediately for a gift card.*5 to 7 business days/s);
    expect(answer(en, 'payment-methods')).toMatch(/credit cards.*PayPal.*gift cards/s);
  });

  it('states store B policy the same way in the FAQ and in policy.zh.md', () => {
    const policy = read('knowledge/policy.zh.md');
    for (const fact of ['99 元包邮', '7 天', '15 天', '1–3 个工作日', '3–7 个工作日', '保修 1 年']) expect(policy).toContain(fact);
    expect(answer(zh, 'shipping-fee')).toContain('99 元包邮');
    expect(answer(zh, 'refund-time')).toMatch(/即时到账.*1–3 个工作日.*3–7 个工作日/s);
    expect(answer(zh, 'exchange-window')).toContain('15 天');
  });
});

interface Guide {
  id: string;
  products: string[];
  title: { zh: string; en: string };
  symptoms: { zh: string[]; en: string[] };
  steps: { zh: string[]; en: string[] };
  unresolved: { zh: string; en: string };
}

describe('troubleshooting.yaml', () => {
  const guides = parse(read('knowledge/troubleshooting.yaml')) as Guide[];
  const han = /\p{Script=Han}/u;

  it('has at least 20 complete bilingual guides with unique ids', () => {
    expect(guides.length).toBeGreaterThanOrEqual(20);
    expect(new Set(guides.map((guide) => guide.id)).size).toBe(guides.length);
    for (const guide of guides) {
      expect(guide.products.some((name) => han.test(name)), guide.id).toBe(true);
      expect(guide.products.some((name) => /^[A-Za-z]/.test(name)), guide.id).toBe(true);
      expect(guide.title.zh).toMatch(han);
      expect(guide.title.en).toMatch(/^[A-Z]/);
      expect(guide.symptoms.zh.length, guide.id).toBeGreaterThanOrEqual(4);
      expect(guide.symptoms.en.length, guide.id).toBeGreaterThanOrEqual(4);
      expect(guide.steps.zh.length, guide.id).toBeGreaterThanOrEqual(3);
      expect(guide.steps.zh.length, guide.id).toBeLessThanOrEqual(7);
      expect(guide.steps.en.length, guide.id).toBe(guide.steps.zh.length);
      for (const text of [...guide.symptoms.zh, ...guide.steps.zh, guide.unresolved.zh]) expect(typeof text === 'string' && han.test(text), guide.id).toBe(true);
      for (const text of [...guide.symptoms.en, ...guide.steps.en, guide.unresolved.en]) expect(typeof text === 'string' && !han.test(text), `${guide.id}: ${text}`).toBe(true);
    }
  });

  it('covers the appliances and electronics of both demo stores', () => {
    const covered = new Set(guides.flatMap((guide) => guide.products));
    const storeB = JSON.parse(read('data/store-zh/products.json')) as Record<string, { name: string; category: string }>;
    for (const product of Object.values(storeB)) {
      if (product.category === '家电' || product.category === '数码') expect(covered, product.name).toContain(product.name);
    }
    for (const name of ['Air Purifier', 'Vacuum Cleaner', 'Smart Thermostat', 'Indoor Security Camera', 'Bluetooth Speaker', 'Headphones', 'Wireless Earbuds', 'Smartphone', 'Laptop', 'Tablet', 'E-Reader', 'Smart Watch', 'LED Light Bulb', 'Electric Toothbrush', 'Mechanical Keyboard', 'Gaming Mouse', 'Electric Kettle', 'Espresso Machine', 'Coffee Maker']) {
      expect(covered, name).toContain(name);
    }
  });
});

describe('intents.yaml', () => {
  const intents = parse(read('nlu/intents.yaml')) as Record<string, { zh: string[]; en: string[] }>;
  const social = ['greet', 'goodbye', 'thanks', 'affirm', 'deny', 'handoff', 'cancel_flow', 'bot_identity'];
  const tasks = ['track_order', 'order_status', 'cancel_order', 'modify_order_address', 'modify_order_items', 'modify_order_payment', 'modify_user_address', 'return_items', 'exchange_items', 'refund_status', 'product_info', 'list_products', 'troubleshoot', 'book_repair', 'complaint', 'account_info'];
  const presale = ['recommend_products'];

  it('has exactly the pack intents', () => {
    expect(Object.keys(intents).sort()).toEqual([...social, ...tasks, ...presale].sort());
  });

  it('has at least 30 phrases per language (45 for task intents), no duplicates', () => {
    for (const [intent, phrases] of Object.entries(intents)) {
      const minimum = tasks.includes(intent) ? 45 : 30;
      for (const locale of ['zh', 'en'] as const) {
        const list = phrases[locale];
        expect(list.length, `${intent}.${locale}`).toBeGreaterThanOrEqual(minimum);
        for (const phrase of list) expect(typeof phrase === 'string' && phrase.trim().length > 0, `${intent}.${locale}`).toBe(true);
        expect(new Set(list).size, `${intent}.${locale}`).toBe(list.length);
      }
      const chinese = phrases.zh.filter((phrase) => /\p{Script=Han}/u.test(phrase)).length;
      expect(chinese / phrases.zh.length, intent).toBeGreaterThan(0.8);
    }
  });

  it('never gives the same phrase two labels', () => {
    const labels = new Map<string, string>();
    for (const [intent, phrases] of Object.entries(intents)) {
      for (const phrase of [...phrases.zh, ...phrases.en]) {
        const key = phrase.trim().toLowerCase();
        expect(labels.get(key) ?? intent, `"${phrase}" is ${labels.get(key)} and ${intent}`).toBe(intent);
        labels.set(key, intent);
      }
    }
  });

  it('labels the documented hard cases by wording', () => {
    const has = (intent: string, phrase: string) => expect([...intents[intent].zh, ...intents[intent].en]).toContain(phrase);
    has('refund_status', '退款到账了吗');
    has('return_items', '我要退款');
    has('modify_order_address', '换个地址');
    has('modify_order_items', '还没发货，想换个颜色');
    has('exchange_items', '收到了，想换个颜色');
    has('cancel_flow', '算了');
    has('cancel_order', '取消订单');
  });
});
