import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { DirtyWorkTreeError } from '../../src/runner/git-guard.js';
import { main } from '../../src/runner/command-line.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import {
  captureIO,
  fakeDependencies,
  git,
  initRepository,
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
  workspace = await makeTempDir('mstr-guard-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
  await writeTree(project, {
    'package.json': '{ "name": "app" }\n',
    'src/app.js': 'client.getLead(1);\n',
  });
  initRepository(project);
});

afterEach(async () => {
  await removeDir(workspace);
});

function run(args: Partial<RunArguments> = {}) {
  return runCommand(
    { paths: ['.'], dry: false, silent: true, ...args },
    captureIO(project),
    registry,
    fakeDependencies(build),
  );
}

async function appSource(): Promise<string> {
  return readFile(path.join(project, 'src/app.js'), 'utf8');
}

describe('git guard', () => {
  it('writes into a clean work tree', async () => {
    expect(await run()).toBe(ExitCode.Ok);
    expect(await appSource()).toBe('client.getLeadById(1);\n');
  });

  it('rejects a modified tracked file before writing', async () => {
    await writeTree(project, { 'src/other.js': 'export {};\n' });
    git(project, ['add', 'src/other.js']);

    await expect(run()).rejects.toThrow(DirtyWorkTreeError);
    expect(await appSource()).toBe('client.getLead(1);\n');
  });

  it('counts an untracked file as a change', async () => {
    await writeTree(project, { 'notes.txt': 'draft\n' });

    await expect(run()).rejects.toThrow(
      /uncommitted changes, so nothing was written:\n {4}\?\? notes\.txt\n/,
    );
  });

  it('ignores files that .gitignore lists', async () => {
    await writeTree(project, { '.gitignore': 'build/\n' });
    git(project, ['add', '.gitignore']);
    git(project, ['commit', '--quiet', '--message', 'Ignore build output']);
    await writeTree(project, { 'build/out.js': 'export {};\n' });

    expect(await run()).toBe(ExitCode.Ok);
  });

  it('writes anyway with --allow-dirty', async () => {
    await writeTree(project, { 'notes.txt': 'draft\n' });

    expect(await run({ allowDirty: true })).toBe(ExitCode.Ok);
    expect(await appSource()).toBe('client.getLeadById(1);\n');
  });

  it('lets --dry and --check run in a dirty tree', async () => {
    await writeTree(project, { 'notes.txt': 'draft\n' });

    expect(await run({ dry: true })).toBe(ExitCode.Ok);
    expect(await run({ check: true })).toBe(ExitCode.WorkRemaining);
    expect(await appSource()).toBe('client.getLead(1);\n');
  });

  it('exits 2 naming --allow-dirty on the command line', async () => {
    await writeTree(project, { 'notes.txt': 'draft\n' });
    const io = captureIO(project);
    const code = await main(['run'], io, { registry, dependencies: fakeDependencies(build) });

    expect(code).toBe(ExitCode.Error);
    expect(io.err()).toContain('has uncommitted changes, so nothing was written');
    expect(io.err()).toContain('pass --allow-dirty to write anyway');
    expect(io.err()).not.toContain('--help');
  });

  it('lists five changes and counts the rest', async () => {
    const files: Record<string, string> = {};
    for (let index = 1; index <= 7; index += 1) {
      files[`draft-${index}.txt`] = 'draft\n';
    }
    await writeTree(project, files);

    await expect(run()).rejects.toThrow(/\?\? draft-5\.txt\n {4}and 2 more\n/);
  });
});
