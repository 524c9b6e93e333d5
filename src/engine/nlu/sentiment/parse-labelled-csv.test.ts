import { describe, expect, it } from 'vitest';
import { LingxiError } from '../../errors.ts';
import { parseLabelledCsv } from './parse-labelled-csv.ts';

describe('parseLabelledCsv', () => {
  it('reads text,label with quoted commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    const rows = parseLabelledCsv('\uFEFFtext,label\r\n"好吃,量大",1\r\n"他说""差评""",0\n"第一行\n第二行",1\n');
    expect(rows.map((row) => [row.text, row.label, row.line])).toEqual([
      ['好吃,量大', 1, 2],
      ['他说"差评"', 0, 3],
      ['第一行\n第二行', 1, 4],
    ]);
  });

  it("accepts the dataset's own label,review and cat,label,review columns", () => {
    expect(parseLabelledCsv('label,review\n1,很快\n0,太慢')).toHaveLength(2);
    expect(parseLabelledCsv('cat,label,review\n水果,1,新鲜')[0]).toMatchObject({ text: '新鲜', label: 1 });
    expect(parseLabelledCsv('a,b\n好,1', { textColumn: 'a', labelColumn: 'b' })[0].text).toBe('好');
  });

  it('names the line of a bad label, a wrong field count and an unterminated quote', () => {
    const failure = (content: string) => {
      try {
        parseLabelledCsv(content);
      } catch (error) {
        expect(error).toBeInstanceOf(LingxiError);
        expect((error as LingxiError).code).toBe('malformed_file');
        return (error as LingxiError).message;
      }
      throw new Error('expected a failure');
    };
    expect(failure('text,label\n好,1\n坏,2\n')).toMatch(/^line 3: label must be 1/);
    expect(failure('text,label\n好,1\n坏,0,extra\n')).toMatch(/^line 3: expected 2 fields/);
    expect(failure('text,label\n"好,1\n')).toMatch(/^line 2: unterminated/);
    expect(failure('review,score\n好,1\n')).toMatch(/^line 1: header must name/);
    expect(failure('')).toMatch(/^line 1: the file is empty/);
  });
});
