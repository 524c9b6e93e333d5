import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './analytics-csv.ts';

/** A strict RFC 4180 reader, to check that what we write reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and keeps Chinese text', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('订单查询')).toBe('订单查询');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['order_status', 'thanks'])).toBe('order_status; thanks');
  });

  it('defuses spreadsheet formulas in text but leaves our numbers alone', () => {
    for (const dangerous of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(dangerous).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(true)).toBe('true');
  });

  it('starts with a BOM, ends lines with CRLF and reads back cell for cell (property)', () => {
    const text = toCsv(['id', 'note'], [['c1', 'a,b'], ['c2', '第一行\r\n"二"']]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([['id', 'note'], ['c1', 'a,b'], ['c2', '第一行\r\n"二"']]);
    fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }), (rows) => {
      const safe = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      expect(parseCsv(toCsv(['x'], rows).slice(1)).slice(1)).toEqual(safe);
    }), { numRuns: 200 });
  });
});
