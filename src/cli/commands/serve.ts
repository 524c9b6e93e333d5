import { parseArgs } from 'node:util';
import { loadServiceConfig, maskServiceConfig } from '../../service/config.ts';
import { createService } from '../../service/create-service.ts';
import { demoCustomers } from '../../packs/demo-customers.ts';

/**
 * `lingxi serve [--port 3900] [--host 0.0.0.0] [--data ./data] [--database-url postgres://…] [--print-config]`
 * Starts the service, prints its URLs (and the demo accounts on first start), and shuts down gracefully on SIGINT/SIGTERM.
 */
export async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, 'data-dir': { type: 'string' },
      'database-url': { type: 'string' }, 'log-level': { type: 'string' }, 'print-config': { type: 'boolean', default: false },
    },
  });
  const config = loadServiceConfig({
    port: values.port, host: values.host, dataDir: values.data ?? values['data-dir'], databaseUrl: values['database-url'], logLevel: values['log-level'],
  });
  if (values['print-config']) {
    process.stdout.write(`${JSON.stringify(maskServiceConfig(config), null, 2)}\n`);
    return 0;
  }
  const started = performance.now();
  // Engines train (first start) or load from the model cache (restarts) while the server already answers.
  const service = await createService(config, { warmEngines: 'background' });
  const address = await service.app.listen({ port: config.port, host: config.host });
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const out: string[] = [
    '', `灵犀 Lingxi is running on ${config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`}   (listening after ${seconds()} s; the bot is ready when /readyz says so)`,
    `  Start page   ${base}/`, `  Demo shop    ${base}/demo-shop/   (the chat widget in place)`,
    `  Console      ${base}/console/   (agents)`, `  Admin        ${base}/admin/`, `  API docs     ${base}/docs   (OpenAPI: ${base}/openapi.json)`, `  Health       ${base}/healthz   ${base}/readyz   ${base}/metrics`,
    `  API base     ${base}/v1   widget WebSocket ${base.replace(/^http/, 'ws')}/v1/widget/ws`,
  ];
  if (service.demo) {
    out.push('', 'First start: created the demo tenant (e-commerce pack, Chinese).', `  Widget key   ${service.demo.widgetKey}`, `  API key      ${service.demo.apiKey}   (shown once)`);
    for (const account of service.demo.accounts) out.push(`  ${account.role.padEnd(10)}   ${account.email}   password ${account.password}`);
    out.push('  Passwords and the API key are shown only now; set LINGXI_DEMO_PASSWORD to choose the demo password.');
  }
  out.push('', 'Demo customers 演示客户 — open the demo shop, chat, and say who you are (the bot checks the phone, e-mail or name + zip):');
  for (const customer of await demoCustomers()) out.push(`  ${customer.backend.padEnd(15)} ${customer.name}   ${customer.identity.join('   ')}   → ${customer.item}`);
  out.push('  (the demo tenant runs the ecommerce pack in Chinese; admin → Settings switches packs and language)');
  process.stdout.write(`${out.join('\n')}\n\n`);
  void service.enginesWarm.then(() => {
    if (service.context.accepting.value) process.stdout.write(`Bot ready 机器人已就绪 (engines built and warmed ${seconds()} s after start).\n`);
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: draining connections and closing the database…\n`);
      service.close().then(resolve, (error) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // Started through a wrapper (npx, npm start) that is killed without passing the signal on: the server is re-parented
    // and would keep the port. It stops as soon as its parent is gone.
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        stop('parent process exited');
      }
    }, 1_000);
    watch.unref();
  });
  return 0;
}
