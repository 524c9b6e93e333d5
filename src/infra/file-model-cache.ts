import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCache } from '../engine/ports.ts';

/**
 * Trained-model cache on disk: one file per key (keys are content hashes, so entries never go stale).
 * Written to a temporary name and renamed, so a crash mid-write never leaves a half file behind.
 */
export function createFileModelCache(directory: string): ModelCache {
  const path = (key: string) => join(directory, `${key.replace(/[^a-zA-Z0-9_-]/g, '_')}.json`);
  return {
    async get(key) {
      return readFile(path(key), 'utf8').catch(() => undefined);
    },
    async set(key, value) {
      try {
        await mkdir(directory, { recursive: true });
        const temporary = `${path(key)}.${process.pid}.tmp`;
        await writeFile(temporary, value);
        await rename(temporary, path(key));
      } catch {
        // A cache that cannot be written only costs training time on the next start.
      }
    },
  };
}

/**
 * Cache folder of the command-line tools (chat, tests): LINGXI_CACHE_DIR, else ./.lingxi-cache in the working directory.
 * The environment is passed in by the caller (the service reads it through its config schema: `cacheDir`).
 */
export function defaultCacheDirectory(environment: Record<string, string | undefined>, cwd: string): string {
  return environment.LINGXI_CACHE_DIR || join(cwd, '.lingxi-cache');
}
