/**
 * Preloaded into the server by bench/service/soak.ts (`node --expose-gc --import ./bench/service/soak-probe.mjs …`):
 * answers each `sample` message on the IPC channel with the process's own figures — heap after a full GC (so that
 * growth means retained memory, not garbage not yet collected), RSS, event-loop delay since the last sample, and the
 * open handles by kind. Plain JavaScript so that it loads before tsx. Adds nothing when not under the soak.
 */
import process from 'node:process';
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message) => {
    if (message?.type !== 'sample') return;
    globalThis.gc?.();
    const memory = process.memoryUsage();
    const handles = {};
    for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
    process.send({
      type: 'sample', rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external,
      lagP50: delay.percentile(50) / 1e6, lagP99: delay.percentile(99) / 1e6, lagMax: delay.max / 1e6, handles,
    });
    delay.reset();
  });
  // The channel must not keep the server alive after SIGTERM.
  process.channel?.unref();
}
