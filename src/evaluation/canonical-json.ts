/** JSON with object keys sorted, so equal data gives equal text whatever the insertion order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Path and values of the first difference between two JSON values, or null when they are equal. */
export function firstDifference(actual: unknown, expected: unknown, path = ''): string | null {
  if (canonicalJson(actual) === canonicalJson(expected)) return null;
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && Array.isArray(actual) === Array.isArray(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
    for (const key of keys) {
      const diff = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
      if (diff) return diff;
    }
  }
  const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v).slice(0, 120));
  return `${path || '(root)'}: got ${show(actual)}, expected ${show(expected)}`;
}
