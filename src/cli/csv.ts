import { LingxiError } from '../engine/errors.ts';

/** One parsed CSV record: values by header name, and the 1-based line where the record starts. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/**
 * Parses RFC 4180 CSV: quoted fields with `""` escapes and embedded commas/newlines, CRLF or LF line ends,
 * an optional UTF-8 BOM, a header row. Blank lines are skipped. A record with the wrong number of fields or an
 * unterminated quote is a `malformed_file` error naming the file and line.
 */
export function parseCsv(text: string, file = '<input>'): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: Array<{ line: number; fields: string[] }> = [];
  let line = 1;
  let position = 0;
  const fail = (at: number, reason: string): never => {
    throw new LingxiError('malformed_file', `${file}:${at}: ${reason}`, { details: { file, line: at } });
  };
  while (position < source.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let done = false;
    let quotedField = false;
    while (!done) {
      if (position >= source.length) {
        fields.push(field);
        break;
      }
      const char = source[position];
      if (char === '"' && field === '' && !quotedField) {
        quotedField = true;
        position++;
        for (;;) {
          if (position >= source.length) fail(startLine, 'unterminated quoted field');
          const inner = source[position];
          if (inner === '"') {
            if (source[position + 1] === '"') {
              field += '"';
              position += 2;
              continue;
            }
            position++;
            break;
          }
          if (inner === '\n') line++;
          field += inner;
          position++;
        }
        const next = source[position];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') fail(line, 'unexpected text after a closing quote');
      } else if (char === ',') {
        fields.push(field);
        field = '';
        quotedField = false;
        position++;
      } else if (char === '\r' || char === '\n') {
        fields.push(field);
        position += char === '\r' && source[position + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
      } else {
        if (char === '"') fail(line, 'stray quote inside an unquoted field');
        field += char;
        position++;
      }
    }
    if (fields.length === 1 && fields[0] === '' ) continue;
    rows.push({ line: startLine, fields });
  }
  const [head, ...body] = rows;
  if (!head) fail(1, 'empty file (expected a header row)');
  const header = head.fields.map((name) => name.trim());
  const records = body.map(({ line: at, fields }) => {
    if (fields.length !== header.length) fail(at, `expected ${header.length} fields (${header.join(',')}), found ${fields.length}`);
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = fields[i]));
    return { line: at, values };
  });
  return { header, records };
}

/**
 * Reads the given columns of a parsed table, failing with a message that names the file when a column is missing
 * and the line when a value is empty.
 */
export function selectColumns(table: CsvTable, columns: string[], file = '<input>'): Array<{ line: number; values: string[] }> {
  for (const column of columns) {
    if (!table.header.includes(column)) {
      throw new LingxiError('malformed_file', `${file}:1: missing column "${column}" (header: ${table.header.join(',')})`, { details: { file, line: 1 } });
    }
  }
  return table.records.map((record) => {
    const values = columns.map((column) => record.values[column]);
    if (values.some((value) => value.trim() === '')) {
      throw new LingxiError('malformed_file', `${file}:${record.line}: empty value in ${columns.join('/')}`, { details: { file, line: record.line } });
    }
    return { line: record.line, values };
  });
}
