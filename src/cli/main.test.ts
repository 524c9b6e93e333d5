import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out.push(String(chunk)); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err.push(String(chunk)); return true; });
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('lingxi CLI', () => {
  it.each(['test', 'eval', 'serve', 'bench', 'chat'])('`lingxi %s --help` prints its usage and exits 0', async (command) => {
    const io = capture();
    expect(await main([command, '--help'])).toBe(0);
    expect(io.out()).toContain(`lingxi ${command}`);
    expect(io.out()).toContain('Usage:');
  });

  it('answers an unknown option with one line naming it and the usage, exit 2 (no stack trace)', async () => {
    const io = capture();
    expect(await main(['chat', '--bogus'])).toBe(2);
    expect(io.err()).toMatch(/^lingxi chat: Unknown option '--bogus'/);
    expect(io.err()).toContain('Usage: lingxi chat');
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('lists the commands for an unknown command', async () => {
    const io = capture();
    expect(await main(['chta'])).toBe(1);
    expect(io.err()).toContain('Unknown command "chta"');
  });
});
