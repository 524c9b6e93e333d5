import type { FastifyInstance } from 'fastify';
import { LingxiError } from '../../engine/errors.ts';

/** Deepest nesting of objects and arrays accepted in a request body, query or WebSocket frame. */
export const MAX_INPUT_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const describeString = (text: string): string | undefined => {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which text may not hold; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (half of an emoji or a broken escape such as \\ud800); send well-formed Unicode';
  return undefined;
};

const pathText = (where: string, path: ReadonlyArray<string | number>): string => [where, ...path].join('.');

/**
 * The first reason `value` cannot be accepted, or undefined: a string (or object key) holding a NUL character or a
 * lone surrogate — PostgreSQL refuses both, which surfaced as 500s (issue 23, D3) — or nesting deeper than
 * {@link MAX_INPUT_DEPTH} (recursive code further in, such as masking and JSON columns, overflowed the stack).
 * The walk uses an explicit stack, so it cannot overflow itself.
 *
 * @example findUnsafeInput({ name: 'a\u0000b' }, 'body') // 'body.name contains a NUL character …'
 */
export function findUnsafeInput(value: unknown, where: string): string | undefined {
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = describeString(current);
      if (problem) return `${pathText(where, path)} ${problem}`;
      continue;
    }
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    if (path.length >= MAX_INPUT_DEPTH) return `${pathText(where, path.slice(0, 3))}… is nested more than ${MAX_INPUT_DEPTH} levels deep; flatten it`;
    for (const [key, child] of Object.entries(current)) {
      const problem = describeString(key);
      if (problem) return `a key in ${pathText(where, path)} ${problem}`;
      pending.push({ value: child, path: [...path, Array.isArray(current) ? Number(key) : key] });
    }
  }
  return undefined;
}

/** Throws a `validation_failed` LingxiError (a 400, or an error frame) when {@link findUnsafeInput} finds a problem. */
export function assertSafeInput(value: unknown, where: string): void {
  const problem = findUnsafeInput(value, where);
  if (problem) throw new LingxiError('validation_failed', `Invalid request: ${problem}.`);
}

/**
 * One boundary check for every route (channels included, as the hook is added before any route is registered):
 * params, query and body are refused with a 400 naming the field before validation or any handler runs.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    assertSafeInput(request.params, 'params');
    assertSafeInput(request.query, 'query');
    assertSafeInput(request.body, 'body');
  });
}
