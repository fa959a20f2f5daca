import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { createProgressReporter } from '../../src/runner/progress.js';
import { runCommand, type CommandIO } from '../../src/runner/run-command.js';
import {
  captureIO,
  fakeDependencies,
  makeTempDir,
  removeDir,
  writeFakeBuild,
  writeTree,
  type FakeBuild,
} from './helpers.js';

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: 'Client.' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: 'Lead.' },
];

let workspace: string;
let project: string;
let build: FakeBuild;

beforeEach(async () => {
  workspace = await makeTempDir('mstr-progress-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
  await writeTree(project, {
    'package.json': '{ "name": "app" }\n',
    'src/a.js': 'client.getLead(1);\n',
    'src/b.js': 'export const b = 2;\n',
    'src/c.js': 'export const c = 3;\n',
  });
});

afterEach(async () => {
  await removeDir(workspace);
});

/** Captured output streams whose stderr claims to be a terminal, 100 columns wide. */
function terminalIO(): CommandIO & { out: () => string; err: () => string } {
  const io = captureIO(project);
  return { ...io, stderr: { ...io.stderr, isTTY: true, columns: 100 } };
}

describe('progress bar', () => {
  it('draws on a terminal and clears before the summary', async () => {
    const io = terminalIO();
    const code = await runCommand(
      { paths: ['.'], dry: true, silent: false },
      io,
      registry,
      fakeDependencies(build),
    );

    expect(code).toBe(ExitCode.Ok);
    const stderr = io.err();
    expect(stderr).toContain('Migrating [');
    expect(stderr).toContain('/3 files');
    const summaryAt = stderr.indexOf('Migration summary');
    expect(summaryAt).toBeGreaterThan(stderr.lastIndexOf('Migrating ['));
    // The cursor is shown again after the bar hid it.
    expect(stderr.slice(0, summaryAt)).toContain('\x1B[?25h');
  });

  it('prints nothing extra when stderr is not a terminal', async () => {
    const io = captureIO(project);
    await runCommand(
      { paths: ['.'], dry: true, silent: false },
      io,
      registry,
      fakeDependencies(build),
    );

    expect(io.err()).not.toContain('Migrating');
    expect(io.err()).not.toContain('\x1B');
    expect(io.err().startsWith('Migration summary')).toBe(true);
  });

  it('stays off with --silent', async () => {
    const io = terminalIO();
    await runCommand(
      { paths: ['.'], dry: true, silent: true },
      io,
      registry,
      fakeDependencies(build),
    );

    expect(io.err()).toBe('');
  });

  it('returns no reporter for a stream without isTTY', () => {
    expect(createProgressReporter({ write: () => true })).toBeNull();
  });

  it('still calls the onFileDone of the dependencies', async () => {
    const seen: number[] = [];
    const dependencies = {
      ...fakeDependencies(build),
      onFileDone: (_outcome: unknown, done: number) => seen.push(done),
    };
    await runCommand(
      { paths: ['.'], dry: true, silent: false },
      terminalIO(),
      registry,
      dependencies,
    );

    expect(seen).toEqual([1, 2, 3]);
  });
});
