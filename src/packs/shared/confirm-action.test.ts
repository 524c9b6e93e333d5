import { describe, expect, it } from 'vitest';
import { confirmAction } from './confirm-action.ts';
import type { SkillContext } from '../../engine/pack.ts';
import { isAffirmative, isNegative } from '../../engine/dialogue/confirmation.ts';

function fakeContext(text: string, awaiting: string | null, slots: Record<string, unknown>) {
  const said: string[] = [];
  const ctx = {
    awaiting, slots, isAffirm: () => isAffirmative(text), isDeny: () => isNegative(text), text: (k: string) => k,
    say: (k: string) => said.push(k), ask: (slot: string, k: string) => said.push(`${slot}:${k}`),
  } as unknown as SkillContext<unknown>;
  return { ctx, said };
}

describe('confirmAction', () => {
  it('asks first, executes only after yes to the same details', async () => {
    const slots = {};
    let done = 0;
    const step = async (text: string, awaiting: string | null, fingerprint: unknown) => {
      const { ctx, said } = fakeContext(text, awaiting, slots);
      return { status: (await confirmAction(ctx, { key: 'confirm', fingerprint, execute: () => { done++; } })), said };
    };
    expect((await step('freeze my card', null, 'card-1')).said).toEqual(['confirmation:confirm']);
    expect((await step('yes', 'confirmation', 'card-2')).status).toBe('waiting'); // details changed: ask again
    expect(done).toBe(0);
    expect((await step('yes', 'confirmation', 'card-2')).status).toBe('done');
    expect(done).toBe(1);
  });
  it('does nothing on no', async () => {
    const slots = {};
    let done = 0;
    await confirmAction(fakeContext('x', null, slots).ctx, { key: 'c', fingerprint: 1, execute: () => { done++; } });
    const { ctx, said } = fakeContext('不用了', 'confirmation', slots);
    expect((await confirmAction(ctx, { key: 'c', fingerprint: 1, execute: () => { done++; } }))).toBe('done');
    expect(said).toEqual(['action.not_done']);
    expect(done).toBe(0);
  });
  it('asks again, instead of declining, when the "no" comes with the details restated ("不对 月薪是一万二")', async () => {
    const slots = {};
    let done = 0;
    await confirmAction(fakeContext('x', null, slots).ctx, { key: 'c', fingerprint: 12000, execute: () => { done++; } });
    const { ctx, said } = fakeContext('不对 月薪是一万二', 'confirmation', slots);
    expect((await confirmAction(ctx, { key: 'c', fingerprint: 12000, restated: true, execute: () => { done++; } }))).toBe('waiting');
    expect(said).toEqual(['confirmation:c']);
    expect(done).toBe(0);
  });
});
