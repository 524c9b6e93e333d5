import WebSocket from 'ws';

/** A decoded server frame; loosely typed on purpose so that tests can assert on any field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestFrame = Record<string, any>;

/** A WebSocket client for tests: collects JSON frames and waits for ones matching a predicate. */
export async function connectTestClient(url: string) {
  const socket = new WebSocket(url);
  const frames: Array<TestFrame> = [];
  const waiters: Array<{ test: (frame: TestFrame) => boolean; resolve: (frame: TestFrame) => void }> = [];
  let closed: { code: number } | null = null;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    frames.push(frame);
    for (const waiter of [...waiters]) if (waiter.test(frame)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    }
  });
  const closedPromise = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve((closed = { code }))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    frames,
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    /** The first frame (already received or future) after index `from` that matches. */
    waitFor(test: (frame: TestFrame) => boolean, from = 0, timeoutMs = 5000): Promise<TestFrame> {
      const seen = frames.slice(from).find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; frames: ${JSON.stringify(frames).slice(-600)}`)), timeoutMs);
        waiters.push({ test, resolve: (frame) => { clearTimeout(timer); resolve(frame); } });
      });
    },
    closed: () => closed ?? closedPromise,
    close: () => socket.close(),
  };
}
