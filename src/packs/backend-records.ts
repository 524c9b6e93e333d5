/**
 * A pack's demo backend seen as records, so that it can be stored row by row and a write can be audited as the
 * records it changed. Every top-level key of the backend is a collection: an object map (`orders`, `users`) has one
 * record per key, an array (`tickets`, `claims`) one record per position, and anything else (`currency`, a counter)
 * is a single record with the empty key.
 */
export type CollectionShape = 'map' | 'array' | 'value';

export interface BackendRecord {
  collection: string;
  key: string;
  value: unknown;
}

/** One record a write changed: `before` null = created; `removed` = the record is gone (`after` null). */
export interface RecordChange {
  collection: string;
  key: string;
  before: unknown;
  after: unknown;
  removed: boolean;
}

/** Serialised records by `collection\u0000key`: the form compared before and after a write. */
export type RecordSnapshot = Map<string, string>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Shapes of the backend's collections. */
export function backendShape(data: Record<string, unknown>): Record<string, CollectionShape> {
  return Object.fromEntries(Object.entries(data).map(([collection, value]) => [collection, Array.isArray(value) ? 'array' : isPlainObject(value) ? 'map' : 'value']));
}

/** The backend as records, in the order a rebuild must restore (map keys and array positions in order). */
export function toRecords(data: Record<string, unknown>): BackendRecord[] {
  const records: BackendRecord[] = [];
  for (const [collection, value] of Object.entries(data)) {
    if (Array.isArray(value)) value.forEach((item, index) => records.push({ collection, key: String(index), value: item }));
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) records.push({ collection, key, value: item });
    else records.push({ collection, key: '', value });
  }
  return records;
}

/** The backend again from its records (in their order) and shapes; an empty map or array keeps its shape. */
export function fromRecords(shape: Record<string, CollectionShape>, records: BackendRecord[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [collection, kind] of Object.entries(shape)) data[collection] = kind === 'array' ? [] : kind === 'map' ? {} : null;
  for (const record of records) applyRecord(data, shape, record.collection, record.key, record.value);
  return data;
}

/** Sets (or, with `undefined`, removes) one record in a backend object in place. */
export function applyRecord(data: Record<string, unknown>, shape: Record<string, CollectionShape>, collection: string, key: string, value: unknown): void {
  const kind = shape[collection] ?? 'value';
  if (kind === 'value') {
    if (value === undefined) delete data[collection];
    else data[collection] = value;
    return;
  }
  const container = (data[collection] ??= kind === 'array' ? [] : {}) as Record<string, unknown> | unknown[];
  if (Array.isArray(container)) {
    const index = Number(key);
    if (value === undefined) container.length = Math.min(container.length, index);
    else container[index] = value;
  } else if (value === undefined) {
    delete container[key];
  } else {
    container[key] = value;
  }
}

const slot = (collection: string, key: string) => `${collection}\u0000${key}`;

/** Every record serialised; taken right before a write tool runs and compared with {@link diffSnapshot} after. */
export function snapshot(data: Record<string, unknown>): RecordSnapshot {
  return new Map(toRecords(data).map((record) => [slot(record.collection, record.key), JSON.stringify(record.value ?? null)]));
}

/** The records that differ between a snapshot and the backend now, with their values before and after. */
export function diffSnapshot(before: RecordSnapshot, data: Record<string, unknown>): RecordChange[] {
  const after = snapshot(data);
  const changes: RecordChange[] = [];
  for (const [id, text] of after) {
    const previous = before.get(id);
    if (previous === text) continue;
    const [collection, key] = id.split('\u0000');
    changes.push({ collection, key, before: previous === undefined ? null : JSON.parse(previous), after: JSON.parse(text), removed: false });
  }
  for (const [id, text] of before) {
    if (after.has(id)) continue;
    const [collection, key] = id.split('\u0000');
    changes.push({ collection, key, before: JSON.parse(text), after: null, removed: true });
  }
  return changes;
}
