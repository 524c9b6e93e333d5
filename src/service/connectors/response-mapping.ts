import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';

/**
 * How a business's JSON answer becomes a tool's typed result (issue 20 item 2). A mapping is one of:
 * - a JSON path string: `$` is the current value (the whole answer, or the element inside `$each`), `$$` the whole
 *   answer; `.name`, `[0]` and `["odd key"]` step in (`$.data.order.state`, `$.shipments[0].carrier`);
 * - `{ $path, $values?, $default? }`: a path whose value is translated (`{ awaiting_shipment: 'pending' }`), with a
 *   default when it is missing;
 * - `{ $each: path, $map: mapping }`: every element of an array, each mapped;
 * - `{ $const: value }`: a fixed value;
 * - any other object: the result object, one mapping per field (field names never start with `$`).
 *
 * @example applyMapping({ order_id: '$.id', status: { $path: '$.state', $values: { open: 'pending' } } }, { id: '#1', state: 'open' })
 *   // → { order_id: '#1', status: 'pending' }
 */
export type Mapping =
  | string
  | { $path: string; $values?: Record<string, unknown>; $default?: unknown }
  | { $each: string; $map: Mapping }
  | { $const: unknown }
  | { [field: string]: Mapping };

const pathSchema = z.string().regex(/^\$\$?(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]+"\])*$/, 'a JSON path such as $.data.items[0].id');

/** The zod schema of a {@link Mapping} (validated when a connector is saved). */
export const mappingSchema: z.ZodType<Mapping> = z.lazy(() => z.union([
  pathSchema,
  z.object({ $path: pathSchema, $values: z.record(z.string(), z.unknown()).optional(), $default: z.unknown().optional() }).strict(),
  z.object({ $each: pathSchema, $map: mappingSchema }).strict(),
  z.object({ $const: z.unknown() }).strict(),
  z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'a field name (letters, digits, _ and -)'), mappingSchema),
]));

const STEP = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]+)"\]/g;

/** The value at `path` inside `current` (`$`) or `root` (`$$`); undefined when any step is missing. */
export function readPath(path: string, current: unknown, root: unknown = current): unknown {
  let value = path.startsWith('$$') ? root : current;
  for (const match of path.slice(path.startsWith('$$') ? 2 : 1).matchAll(STEP)) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = match[1] ?? match[3] ?? Number(match[2]);
    if (typeof key === 'number' && !Array.isArray(value)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Applies `mapping` to a business answer; fields whose value is missing are left out (the result schema decides). */
export function applyMapping(mapping: Mapping, answer: unknown): unknown {
  return map(mapping, answer, answer);
}

function map(mapping: Mapping, current: unknown, root: unknown): unknown {
  if (typeof mapping === 'string') return readPath(mapping, current, root);
  if ('$const' in mapping) return mapping.$const;
  if ('$each' in mapping && typeof mapping.$each === 'string') {
    const list = readPath(mapping.$each, current, root);
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) throw new LingxiError('validation_failed', `${mapping.$each} is not a list in the answer`);
    return list.map((element) => map(mapping.$map as Mapping, element, root));
  }
  if ('$path' in mapping && typeof mapping.$path === 'string') {
    const value = readPath(mapping.$path, current, root);
    const values = mapping.$values as Record<string, unknown> | undefined;
    const translated = values && (typeof value === 'string' || typeof value === 'number') && String(value) in values ? values[String(value)] : value;
    return translated === undefined ? mapping.$default : translated;
  }
  const result: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(mapping as Record<string, Mapping>)) {
    const value = map(inner, current, root);
    if (value !== undefined) result[field] = value;
  }
  return result;
}
