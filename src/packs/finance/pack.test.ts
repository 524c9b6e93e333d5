import { describe, expect, it } from 'vitest';
import { runTool } from '../../engine/tools/define-tool.ts';
import { createCounterIds, fixedClock } from '../../engine/ports.ts';
import { loadFinancePack } from './pack.ts';
import { loadBank } from './store/load-bank.ts';
import { financeTools } from './tools/index.ts';

const pack = await loadFinancePack();

describe('finance pack definition', () => {
  it('has every template key in both locales', async () => {
    expect(Object.keys(pack.templates.en).sort()).toEqual(Object.keys(pack.templates.zh).sort());
  });
  it('has at least 30 phrases per intent and language', async () => {
    for (const [intent, phrases] of Object.entries(pack.intents)) {
      expect(phrases.zh.length, `${intent} zh`).toBeGreaterThanOrEqual(30);
      expect(phrases.en.length, `${intent} en`).toBeGreaterThanOrEqual(30);
    }
  });
  it('ships a Chinese KB of 60+ entries and 60+ cited τ² banking articles', async () => {
    expect(pack.knowledge.filter((doc) => doc.locale === 'zh').length).toBeGreaterThanOrEqual(60);
    const articles = pack.knowledge.filter((doc) => doc.tags?.includes('tau2-banking'));
    expect(articles.length).toBeGreaterThanOrEqual(60);
    for (const doc of articles) expect(doc.source).toMatch(/^doc_[\w()+.-]+_\d{3}$/);
    expect(articles.every((doc) => !/^internal/i.test(doc.title))).toBe(true);
  });
  it('names products in both languages for the extractor', async () => {
    const names = pack.catalog(await loadBank()).products.flatMap((p) => p.names);
    expect(names).toEqual(expect.arrayContaining(['稳盈宝90天', 'Steady Income 90']));
  });
});

describe('finance tools', () => {
  const context = async (customerId: string | null) => ({
    data: await loadBank(), clock: fixedClock('2026-11-20T10:00:00+08:00'), ids: createCounterIds(), locale: 'zh' as const,
    actor: { kind: 'customer' as const, customerId },
  });
  it('identifies a customer only when phone and id digits both match', async () => {
    const ctx = await context(null);
    expect((await runTool(financeTools.find_customer, { phone: '+86 138-0013-8001', id_last4: '3817' }, ctx)).result).toBe('cust_zhang_wei');
    expect((await runTool(financeTools.find_customer, { phone: '13800138001', id_last4: '0426' }, ctx)).ok).toBe(false);
    expect((await runTool(financeTools.find_customer, { phone: '+1 212 555 0147', id_last4: '5521' }, ctx)).result).toBe('cust_emily_chen');
  });
  it('never shows or changes another customer\'s accounts and cards', async () => {
    const ctx = await context('cust_li_na');
    expect((await runTool(financeTools.get_accounts, { customer_id: 'cust_zhang_wei' }, ctx)).error).toMatch(/another customer/);
    expect((await runTool(financeTools.block_card, { card_id: 'card_zw_6621', action: 'freeze' }, ctx)).ok).toBe(false);
    expect((await runTool(financeTools.get_accounts, { customer_id: 'cust_li_na' }, await context(null))).error).toMatch(/not authenticated/);
  });
  it('refuses suggestions without a valid assessment and never lists products above the level', async () => {
    const ctx = await context('cust_liu_yang');
    expect((await runTool(financeTools.list_suitable_products, { customer_id: 'cust_liu_yang' }, ctx)).error).toMatch(/expired/);
    const zhang = await context('cust_zhang_wei');
    const products = (await runTool(financeTools.list_suitable_products, { customer_id: 'cust_zhang_wei' }, zhang)).result as Array<{ risk: string }>;
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => Number(p.risk[1]) <= 3)).toBe(true);
  });
  it('records card applications as pending officer review', async () => {
    const ctx = await context(null);
    const application = (await runTool(financeTools.submit_card_application, { customer_id: null, monthly_income: 20_000, employment: 'full_time', monthly_debt: 0 }, ctx)).result as { status: string; recommendation: string };
    expect(application).toMatchObject({ status: 'pending_officer_review', recommendation: 'approve' });
  });
  it('does not dispute a deposit or the same payment twice', async () => {
    const ctx = await context('cust_zhang_wei');
    expect((await runTool(financeTools.create_dispute, { transaction_id: 'T1004', reason: 'other', description: 'x' }, ctx)).error).toMatch(/payments out/);
    expect((await runTool(financeTools.create_dispute, { transaction_id: 'T1005', reason: 'unauthorized', description: 'x' }, ctx)).ok).toBe(true);
    expect((await runTool(financeTools.create_dispute, { transaction_id: 'T1005', reason: 'unauthorized', description: 'x' }, ctx)).error).toMatch(/already/);
  });
});
