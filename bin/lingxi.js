#!/usr/bin/env node
// Entry point of the `lingxi` CLI. The sources are TypeScript run through tsx's loader,
// so a fresh clone needs only `npm install` — no build step between editing and running.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
