import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCallback } from '../../src/client/index.js';

const run = promisify(execFile);
let workDir: string;

// The child process loads callback.ts compiled to CommonJS, so that an exception thrown by the
// callback reaches that process's own uncaughtException handler and not vitest's.
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'marketo-callback-'));
  const source = await readFile(new URL('../../src/client/callback.ts', import.meta.url), 'utf8');
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  await writeFile(join(workDir, 'callback.js'), compiled.outputText);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Runs a script next to the compiled callback module and returns its stdout lines. */
async function runChild(script: string): Promise<string[]> {
  const path = join(workDir, `child-${Math.random().toString(16).slice(2)}.cjs`);
  await writeFile(path, script);
  const { stdout } = await run(process.execPath, [path], { cwd: workDir, timeout: 10_000 });
  return stdout.trim().split('\n');
}

const CHILD_PRELUDE = `
const { toCallback } = require('./callback.js');
let calls = 0;
process.on('uncaughtException', (error) => {
  console.log('uncaught: ' + error.message);
  setTimeout(() => console.log('calls: ' + calls), 50);
});
process.on('unhandledRejection', () => console.log('unhandled rejection'));
`;

describe('toCallback', () => {
  it('calls once when a success callback throws', async () => {
    const lines = await runChild(`${CHILD_PRELUDE}
toCallback(Promise.resolve(5), (error, result) => {
  calls += 1;
  console.log('callback: ' + JSON.stringify([error, result]));
  throw new Error('thrown by callback');
});
`);
    expect(lines).toEqual(['callback: [null,5]', 'uncaught: thrown by callback', 'calls: 1']);
  });

  it('calls once when an error callback throws', async () => {
    const lines = await runChild(`${CHILD_PRELUDE}
toCallback(Promise.reject(new Error('call failed')), (error, result) => {
  calls += 1;
  console.log('callback: ' + error.message + ' ' + String(result));
  throw new Error('thrown again');
});
`);
    expect(lines).toEqual([
      'callback: call failed undefined',
      'uncaught: thrown again',
      'calls: 1',
    ]);
  });

  it('calls back after returning', async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      toCallback(Promise.resolve('value'), (error, result) => {
        events.push(`callback ${String(error)} ${String(result)}`);
        resolve();
      });
    });
    events.push('returned');
    await done;
    expect(events).toEqual(['returned', 'callback null value']);
  });
});
