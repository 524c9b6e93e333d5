/**
 * The transport ceiling for the service benchmark (issue 11): a bare `ws` server that speaks just enough of the widget
 * protocol for ws-load.ts — `hello` → `welcome`; `message` → `ack`, the customer's message, a canned bot reply and a
 * `conversation` frame (the same four frames per message as `lingxi serve`) — with no storage, no engine and no bus.
 * Whatever rate ws-load reaches against it on this machine is the most any server could reach with that client.
 *
 *   node --import tsx bench/service/ws-echo-server.ts [--port 0]     # prints "ws-echo listening on <port>"
 */
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(values.port) });
let conversations = 0;

server.on('connection', (socket) => {
  let seq = 0;
  let conversationId = '';
  socket.on('message', (raw) => {
    let frame: { type?: string; clientId?: string; text?: string };
    try {
      frame = JSON.parse(String(raw)) as typeof frame;
    } catch {
      return socket.send(JSON.stringify({ type: 'error', code: 'validation_failed', message: 'Frames must be JSON text.' }));
    }
    if (frame.type === 'hello') {
      conversationId = `conv_echo_${++conversations}`;
      seq = 1;
      return socket.send(JSON.stringify({ type: 'welcome', conversationId, customerId: 'echo', owner: 'bot', lastSeq: seq, created: true }));
    }
    if (frame.type !== 'message') return;
    const at = new Date().toISOString();
    const customer = { id: `msg_${conversationId}_${seq + 1}`, seq: ++seq, author: 'customer', text: frame.text ?? '', payload: {}, createdAt: at };
    const bot = { id: `msg_${conversationId}_${seq + 1}`, seq: ++seq, author: 'bot', text: `echo: ${frame.text ?? ''}`, payload: {}, createdAt: at };
    socket.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, seq: customer.seq, duplicate: false }));
    socket.send(JSON.stringify({ type: 'message', message: customer }));
    socket.send(JSON.stringify({ type: 'message', message: bot }));
    socket.send(JSON.stringify({ type: 'conversation', owner: 'bot', assigneeId: null }));
  });
});

server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`ws-echo listening on ${typeof address === 'object' && address ? address.port : values.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
