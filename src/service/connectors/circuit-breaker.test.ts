import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';

describe('circuit breaker', () => {
  it('opens after N failures in a row, lets one trial through after the cooldown, closes on success', () => {
    let time = 0;
    const breaker = createCircuitBreaker({ failures: 3, cooldownMs: 1_000 }, { now: () => time });
    breaker.failed(); breaker.failed(); breaker.succeeded(); breaker.failed(); breaker.failed();
    expect(breaker.allow()).toBe(true);
    breaker.failed();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    time = 1_000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.failed();
    expect(breaker.allow()).toBe(false);
    time = 2_000;
    expect(breaker.allow()).toBe(true);
    breaker.succeeded();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });
});

describe('concurrency limit', () => {
  it('runs at most max at once, hands places in order, and fails a wait that is too long', async () => {
    const limit = createConcurrencyLimit(2);
    let peak = 0;
    const order: number[] = [];
    const task = (id: number, ms: number) => limit.run(async () => { peak = Math.max(peak, limit.active); await new Promise((resolve) => setTimeout(resolve, ms)); order.push(id); return id; }, 1_000);
    expect(await Promise.all([task(1, 30), task(2, 10), task(3, 5), task(4, 5)])).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(order.indexOf(3)).toBeLessThan(order.indexOf(4));
    const slow = [limit.run(() => new Promise((resolve) => setTimeout(resolve, 200)), 10), limit.run(() => new Promise((resolve) => setTimeout(resolve, 200)), 10)];
    await expect(limit.run(async () => 'late', 20)).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'busy' } });
    await Promise.all(slow);
    expect(limit.active).toBe(0);
  });
});
