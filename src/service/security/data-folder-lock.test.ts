import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from '../config.ts';
import { createService } from '../create-service.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { acquireDataFolderLock, DATA_FOLDER_LOCK_FILE } from './data-folder-lock.ts';

const folders: string[] = [];
const children: ChildProcess[] = [];
const folder = () => {
  const created = mkdtempSync(join(tmpdir(), 'lingxi-lock-'));
  folders.push(created);
  return created;
};
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const created of folders) rmSync(created, { recursive: true, force: true });
});

const holdAs = (dataDir: string, pid: number, host = hostname()) =>
  writeFileSync(join(dataDir, DATA_FOLDER_LOCK_FILE), JSON.stringify({ pid, host, since: '2026-12-08T00:00:00.000Z' }));

/** A live process to name in a lock file: node itself, or another program. */
async function startProcess(command: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}
const killed = (child: ChildProcess) => new Promise((resolve) => {
  child.once('exit', resolve);
  child.kill('SIGKILL');
});

describe('data folder lock (issue 23, D2)', () => {
  it('refuses a second holder in the same process and frees the folder on release', () => {
    const dataDir = folder();
    const lock = acquireDataFolderLock(dataDir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => acquireDataFolderLock(dataDir)).toThrow(new RegExp(`in use by another Lingxi process \\(pid ${process.pid}`));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    acquireDataFolderLock(dataDir).release();
  });

  it('names a live holder process, and takes the folder over once that process is killed with SIGKILL', async () => {
    const dataDir = folder();
    const holder = await startProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    holdAs(dataDir, holder.pid!);
    expect(() => acquireDataFolderLock(dataDir)).toThrow(new RegExp(`pid ${holder.pid}.*stop that process`));
    await killed(holder);
    const lock = acquireDataFolderLock(dataDir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a half-written lock, one naming this pid from an earlier life (containers restart as pid 1) and one naming an unrelated program', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, DATA_FOLDER_LOCK_FILE), '{"pid":');
    acquireDataFolderLock(dataDir).release();
    holdAs(dataDir, process.pid);
    acquireDataFolderLock(dataDir).release();
    const unrelated = await startProcess('sleep', ['30']);
    holdAs(dataDir, unrelated.pid!);
    acquireDataFolderLock(dataDir).release();
  });

  it('never takes over a lock from another host (a shared network folder)', () => {
    const dataDir = folder();
    holdAs(dataDir, 999_999, 'other-host.example');
    expect(() => acquireDataFolderLock(dataDir)).toThrow(/pid 999999 on other-host\.example/);
  });

  it('keeps a service off a PGlite folder in use, before it opens the database', async () => {
    const dataDir = folder();
    const lock = acquireDataFolderLock(dataDir);
    const config = loadServiceConfig({ dataDir, seedDemo: false, secret: 'test-secret-0123456789abcdef' } as never, {});
    await expect(createService(config, { engineFactory: async () => createScriptedEngine(), warmEngines: false }))
      .rejects.toThrow(new RegExp(`data folder ${dataDir} is in use by another Lingxi process \\(pid ${process.pid}`));
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
    lock.release();
  });
});
