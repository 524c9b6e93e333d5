import { LingxiError } from '../../errors.ts';

/** One labelled text: `label` 1 = positive, 0 = negative. */
export interface LabelledText {
  text: string;
  label: 0 | 1;
  /** 1-based line of the record in the file, for error messages. */
  line: number;
}

export interface ParseLabelledCsvOptions {
  /** Column holding the text; default `text`, or `review` when the header has no `text` (the dataset's own files). */
  textColumn?: string;
  /** Column holding the 0/1 label; default `label`. */
  labelColumn?: string;
}

interface Row {
  fields: string[];
  line: number;
}

function malformed(line: number, reason: string): LingxiError {
  return new LingxiError('malformed_file', `line ${line}: ${reason}`, { details: { line } });
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function* records(content: string): Generator<Row> {
  let line = 1;
  let index = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < content.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (; index < content.length; index++) {
      const char = content[index];
      if (quoted) {
        if (char === '"' && content[index + 1] === '"') {
          field += '"';
          index++;
        } else if (char === '"') {
          quoted = false;
          const next = content[index + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw malformed(line, 'text after a closing quote');
        } else {
          if (char === '\n') line++;
          field += char;
        }
        continue;
      }
      if (char === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (char === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (char === '\n' || char === '\r') {
        if (char === '\r' && content[index + 1] === '\n') index++;
        index++;
        break;
      } else {
        field += char;
        atFieldStart = false;
      }
    }
    if (quoted) throw malformed(start, 'unterminated quoted field');
    fields.push(field);
    line++;
    if (fields.length === 1 && fields[0].trim() === '') continue;
    yield { fields, line: start };
  }
}

/**
 * Reads a labelled sentiment CSV (`text,label`, or the dataset's `label,review`; extra columns are ignored).
 * Throws `LingxiError('malformed_file')` whose message starts with `line N:` on the first bad record, so the
 * caller can tell the user exactly where to look.
 */
export function parseLabelledCsv(content: string, options: ParseLabelledCsvOptions = {}): LabelledText[] {
  const rows = records(content);
  const header = rows.next();
  if (header.done) throw malformed(1, 'the file is empty; expected a header such as "text,label"');
  const names = header.value.fields.map((name) => name.trim().toLowerCase());
  const textName = (options.textColumn ?? (names.includes('text') ? 'text' : 'review')).toLowerCase();
  const labelName = (options.labelColumn ?? 'label').toLowerCase();
  const textIndex = names.indexOf(textName);
  const labelIndex = names.indexOf(labelName);
  if (textIndex < 0 || labelIndex < 0) {
    throw malformed(header.value.line, `header must name a "${textName}" and a "${labelName}" column (found: ${names.join(', ')})`);
  }
  const examples: LabelledText[] = [];
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      throw malformed(row.line, `expected ${names.length} fields, found ${row.fields.length} (quote texts that contain commas)`);
    }
    const label = row.fields[labelIndex].trim();
    if (label !== '0' && label !== '1') throw malformed(row.line, `label must be 1 (positive) or 0 (negative), found "${label}"`);
    examples.push({ text: row.fields[textIndex], label: label === '1' ? 1 : 0, line: row.line });
  }
  return examples;
}
