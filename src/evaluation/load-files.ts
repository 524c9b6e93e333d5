import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LingxiError } from '../engine/errors.ts';

/** Files under the given paths (files as they are, folders recursively) whose names end with one of `suffixes`. */
export async function collectFiles(paths: string[], suffixes: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new LingxiError('not_found', `No such file or folder: ${path}`);
    if (info.isFile()) { out.push(path); continue; }
    for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) out.push(...await collectFiles([full], suffixes));
      else if (suffixes.some((s) => entry.name.endsWith(s))) out.push(full);
    }
  }
  return out;
}

/** Line and column of a character offset, for error messages about a file. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, Math.max(0, offset)).split('\n').length;
}
