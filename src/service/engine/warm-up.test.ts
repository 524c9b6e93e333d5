import { describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import { warmUpEngine } from './warm-up.ts';

function fakeEngine(fail = false) {
  const seen: Array<{ text: string; locale: string | undefined }> = [];
  const engine = {
    start: (options?: { locale?: 'zh' | 'en'; id?: string }) => ({ state: { id: options?.id, locale: options?.locale }, replies: [] }),
    handle: async (state: { locale?: string }, input: { text: string }) => {
      if (fail) throw new Error('engine down');
      seen.push({ text: input.text, locale: state.locale });
      return {};
    },
    understand: () => ({}),
  } as unknown as ConversationEngine;
  return { engine, seen };
}

describe('engine warm-up', () => {
  it('runs Chinese and English sample messages, each in a fresh conversation of its language, for every round', async () => {
    const { engine, seen } = fakeEngine();
    await warmUpEngine(engine, 2);
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.length % 2).toBe(0);
    expect(seen.filter((turn) => /[\u4e00-\u9fff]/.test(turn.text)).every((turn) => turn.locale === 'zh')).toBe(true);
    expect(seen.filter((turn) => !/[\u4e00-\u9fff]/.test(turn.text)).every((turn) => turn.locale === 'en')).toBe(true);
    expect(seen.some((turn) => turn.locale === 'zh') && seen.some((turn) => turn.locale === 'en')).toBe(true);
  });

  it('never throws when the engine fails', async () => {
    const { engine } = fakeEngine(true);
    await expect(warmUpEngine(engine)).resolves.toBeGreaterThanOrEqual(0);
  });
});
