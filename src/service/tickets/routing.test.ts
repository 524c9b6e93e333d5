import { describe, expect, it } from 'vitest';
import { matchRule, pickAgent, type RoutingCandidate, type RoutingRule } from './routing.ts';

const rules: RoutingRule[] = [
  { team: 'vip', tags: ['vip'] },
  { team: 'complaints', intents: ['complaint'], sentiments: ['negative'], skills: ['escalation'] },
  { team: 'english', locales: ['en'] },
  { team: 'wechat', channels: ['wechat', 'wecom'] },
];
const facts = { intent: 'order_status', channel: 'widget', locale: 'zh' as const, sentiment: 'neutral', tags: [] as string[] };

describe('routing rules', () => {
  it('takes the first rule whose conditions all hold', () => {
    expect(matchRule(rules, { ...facts, tags: ['vip'], locale: 'en' })?.team).toBe('vip');
    expect(matchRule(rules, { ...facts, intent: 'complaint', sentiment: 'negative' })?.team).toBe('complaints');
    expect(matchRule(rules, { ...facts, intent: 'complaint', sentiment: 'neutral' })).toBeNull();
    expect(matchRule(rules, { ...facts, locale: 'en' })?.team).toBe('english');
    expect(matchRule(rules, { ...facts, channel: 'wecom' })?.team).toBe('wechat');
    expect(matchRule(rules, { ...facts, intent: null })).toBeNull();
    expect(matchRule([], facts)).toBeNull();
  });
});

describe('least-busy assignment', () => {
  const agent = (userId: string, patch: Partial<RoutingCandidate> = {}): RoutingCandidate => ({ userId, teams: ['complaints'], skills: ['escalation'], languages: ['zh', 'en'], maxConcurrent: 3, load: 0, ...patch });

  it('gives the conversation to the least busy agent of the team with capacity', () => {
    const rule = rules[1];
    expect(pickAgent([agent('a', { load: 2 }), agent('b', { load: 1 }), agent('c', { load: 1, teams: ['vip'] })], rule, 'zh')?.userId).toBe('b');
    expect(pickAgent([agent('a', { load: 3 }), agent('b', { load: 5, maxConcurrent: 5 })], rule, 'zh')).toBeNull(); // everyone full
    expect(pickAgent([agent('a', { load: 1 }), agent('b', { load: 1 })], rule, 'zh')?.userId).toBe('a'); // stable tie-break
    expect(pickAgent([agent('a', { load: 1, maxConcurrent: 2 }), agent('b', { load: 1, maxConcurrent: 10 })], rule, 'zh')?.userId).toBe('b'); // lower share
  });

  it('respects languages and skills; no rule means anyone', () => {
    expect(pickAgent([agent('zh-only', { languages: ['zh'] }), agent('both', { load: 2 })], rules[1], 'en')?.userId).toBe('both');
    expect(pickAgent([agent('any-language', { languages: [] })], rules[1], 'en')?.userId).toBe('any-language');
    expect(pickAgent([agent('junior', { skills: [] })], rules[1], 'zh')).toBeNull();
    expect(pickAgent([agent('x', { teams: [], skills: [], load: 1 }), agent('y', { teams: [], skills: [], load: 0 })], null, 'zh')?.userId).toBe('y');
  });
});
