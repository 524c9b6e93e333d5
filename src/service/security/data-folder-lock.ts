import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LingxiError } from '../../engine/errors.ts';

/** Name of the lock file inside the data folder. */
export const DATA_FOLDER_LOCK_FILE = 'lingxi.lock';

export interface DataFolderLock {
  /** The lock file's path. */
  path: string;
  /** Removes the lock file if it is still this process's (idempotent). */
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const readHolder = (path: string): { text: string; holder: Holder | null } | null => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Holder;
    return { text, holder: Number.isInteger(holder.pid) ? holder : null };
  } catch {
    // Half-written by a process killed between open and write: nobody can be holding it.
    return { text, holder: null };
  }
};

/** Lock files this process holds: a lock naming our own pid that is not among them was left by an earlier process
 * that had the same pid (containers restart as pid 1). */
const heldHere = new Set<string>();

/**
 * True when the pid may be a Lingxi server on this machine: the process exists (EPERM: it exists but belongs to
 * another user) and, where /proc tells, runs node. A pid reused by an unrelated program does not hold the folder.
 */
const mayHold = (pid: number, path: string): boolean => {
  if (pid === process.pid) return heldHere.has(path);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /node|lingxi|tsx/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
};

const tryCreate = (path: string, content: string): boolean => {
  try {
    writeFileSync(path, content, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
};

/**
 * Takes over a lock left by a dead process. The stale file is first renamed to a name only this process uses, then
 * checked to still be the stale one: if another starter replaced it meanwhile, its lock is put back (link fails if a
 * third one already exists) and the caller starts over, finding a live holder.
 */
const removeStale = (path: string, staleText: string): void => {
  const claimed = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, claimed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(claimed, 'utf8') !== staleText) {
    try {
      linkSync(claimed, path);
    } catch {
      // Someone holds the lock already; theirs stands.
    }
  }
  unlinkSync(claimed);
};

/**
 * One writer per embedded-database folder (issue 23, D2): two `lingxi serve --data D` on one PGlite folder both
 * started and silently lost acknowledged messages. The lock is a file created exclusively (`O_EXCL`) holding the
 * holder's pid, host and start time; a second process refuses to start and names the holder. A lock whose process is
 * gone (`kill -9`, power loss) is taken over. Locks from another host (a shared network folder) are never taken over.
 *
 * @example const lock = acquireDataFolderLock('./data'); … lock.release();
 */
export function acquireDataFolderLock(folder: string): DataFolderLock {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, DATA_FOLDER_LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies Holder);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, mine)) {
      heldHere.add(path);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          heldHere.delete(path);
          if (readHolder(path)?.text === mine) unlinkSync(path);
        },
      };
    }
    const current = readHolder(path);
    if (!current) continue;
    const { holder } = current;
    if (holder && (holder.host !== hostname() || mayHold(holder.pid, path))) {
      throw new LingxiError('conflict',
        `The data folder ${folder} is in use by another Lingxi process (pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${holder.since}). `
        + 'Two servers on one embedded database lose messages: stop that process, use another --data folder, or use PostgreSQL (DATABASE_URL) for several nodes. '
        + `If no such process exists, delete ${path}.`);
    }
    removeStale(path, current.text);
  }
  throw new LingxiError('conflict', `Could not lock the data folder ${folder}: other processes keep taking it; start one server at a time.`);
}
