import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, selectColumns } from './csv.ts';

describe('parseCsv', () => {
  it('reads quotes, escaped quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const table = parseCsv('\uFEFFtext,label\r\n"hello, ""world""",greet\r\n"two\nlines",multi\r\nplain,x\r\n');
    expect(table.header).toEqual(['text', 'label']);
    expect(table.records.map((r) => r.values)).toEqual([
      { text: 'hello, "world"', label: 'greet' },
      { text: 'two\nlines', label: 'multi' },
      { text: 'plain', label: 'x' },
    ]);
    expect(table.records.map((r) => r.line)).toEqual([2, 3, 5]);
  });
  it('names the file and line of a record with the wrong number of fields', () => {
    expect(() => parseCsv('text,label\na,b\nc,d,e\n', 'data.csv')).toThrow(/data\.csv:3: expected 2 fields/);
  });
  it('rejects an unterminated quote and stray quotes', () => {
    expect(() => parseCsv('text,label\n"open,b\n', 'f.csv')).toThrow(/f\.csv:2: unterminated/);
    expect(() => parseCsv('text,label\nab"c,d\n', 'f.csv')).toThrow(/f\.csv:2: stray quote/);
  });
  it('reports missing columns and empty values', () => {
    const table = parseCsv('text,category\nhi,\n');
    expect(() => selectColumns(table, ['text', 'label'], 'x.csv')).toThrow(/missing column "label"/);
    expect(() => selectColumns(table, ['text', 'category'], 'x.csv')).toThrow(/x\.csv:2: empty value/);
  });
  it('round-trips any fields written with quoting', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 20 }), (rows) => {
      const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
      const text = ['a,b', ...rows.map(([a, b]) => `${quote(a)},${quote(b)}`)].join('\r\n');
      expect(parseCsv(text).records.map((r) => [r.values.a, r.values.b])).toEqual(rows);
    }));
  });
});
