import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { UsageError } from '../../src/runner/errors.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import {
  captureIO,
  fakeDependencies,
  makeTempDir,
  readTree,
  removeDir,
  treeAsText,
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
  workspace = await makeTempDir('mstr-check-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
});

afterEach(async () => {
  await removeDir(workspace);
});

async function run(args: Partial<RunArguments> = {}) {
  const io = captureIO(project);
  const code = await runCommand(
    { paths: ['.'], dry: false, silent: false, ...args },
    io,
    registry,
    fakeDependencies(build),
  );
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Writes a tree whose vendored client is already up to date, so only the files matter. */
async function writeMigratedProject(files: Record<string, string>): Promise<void> {
  // A first writing run vendors the client, so later checks see no vendoring work.
  await writeTree(project, {
    'package.json': '{ "name": "app" }\n',
    'seed.js': 'client.getLead(1);\n',
  });
  expect((await run()).code).toBe(ExitCode.Ok);
  await removeDir(path.join(project, 'seed.js'));
  await writeTree(project, files);
}

describe('run --check', () => {
  it('exits 0 on a fully migrated tree', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLeadById(1);\n' });
    const { code, stdout, stderr } = await run({ check: true });

    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toBe('');
    expect(stderr).toContain('Migration check (nothing was written):\n');
    expect(stderr).toContain('  Result: fully migrated (exit code 0)\n');
  });

  it('exits 1 with pending changes and writes nothing', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\nclient.getLead(2);\n' });
    const before = treeAsText(await readTree(project));
    const { code, stdout, stderr } = await run({ check: true });

    expect(code).toBe(ExitCode.WorkRemaining);
    expect(stdout).toBe('src/app.js: 2 call sites to convert\n');
    expect(stderr).toContain('  Result: migration work remains (exit code 1)\n');
    expect(treeAsText(await readTree(project))).toEqual(before);
  });

  const remainingWork: [string, string, string][] = [
    [
      'an existing marker',
      '// MARKETO-MIGRATE: Earlier marker\n',
      '1 call site marked for a person',
    ],
    ['an ignored call', '// IGNORE_ME\n', '1 call ignored by marketo-migrate-ignore'],
    ['a skip for safety', '// UNSAFE\n', 'skipped for safety at line 1: computed operation name'],
  ];
  for (const [name, source, line] of remainingWork) {
    it(`exits 1 for ${name} in an unchanged file`, async () => {
      await writeMigratedProject({ 'src/app.js': source });
      const { code, stdout } = await run({ check: true });

      expect(code).toBe(ExitCode.WorkRemaining);
      expect(stdout).toBe(`src/app.js: ${line}\n`);
    });
  }

  it('exits 1 for a file outside Node that calls mktows', async () => {
    await writeMigratedProject({ 'scripts/lookup.sjs': 'var ws = "mktows";\n' });
    const { code, stdout } = await run({ check: true });

    expect(code).toBe(ExitCode.WorkRemaining);
    expect(stdout).toBe(
      'scripts/lookup.sjs: calls mktows but runs outside Node, so a person must migrate it\n',
    );
  });

  it('exits 1 when the vendored client is missing', async () => {
    await writeTree(project, {
      'package.json': '{ "name": "app" }\n',
      'src/app.js': 'client.getLeadById(1);\n',
    });
    const { code, stdout } = await run({ check: true });

    expect(code).toBe(ExitCode.WorkRemaining);
    expect(stdout).toBe(
      'marketo-rest-client: the vendored REST client is missing or out of date (5 files to write)\n',
    );
  });

  it('exits 2 when a file fails, even with work left', async () => {
    await writeMigratedProject({
      'src/app.js': 'client.getLead(1);\n',
      'src/broken.js': 'SYNTAX_ERROR\n',
    });
    const { code, stdout, stderr } = await run({ check: true });

    expect(code).toBe(ExitCode.Error);
    expect(stdout).toContain('src/broken.js: failed at line 1: parse failed: Unexpected token\n');
    expect(stderr).toContain('  Result: errors occurred (exit code 2)\n');
  });

  it('keeps the exit code 0 of a writing run with markers', async () => {
    await writeMigratedProject({ 'src/app.js': '// MARK_ME\n' });
    const { code } = await run();

    expect(code).toBe(ExitCode.Ok);
  });
});

describe('run --patch-file', () => {
  it('writes the dry-run patch to the file instead of stdout', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\n' });
    const { code, stdout } = await run({ dry: true, patchFile: '../out/changes.patch' });

    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toBe('');
    const patch = await readFile(path.join(workspace, 'out/changes.patch'), 'utf8');
    expect(patch).toContain('diff --git a/src/app.js b/src/app.js\n');
    expect(patch).toContain('+client.getLeadById(1);\n');
    expect(await readFile(path.join(project, 'src/app.js'), 'utf8')).toBe('client.getLead(1);\n');
  });

  it('writes the patch with --check and keeps the listing on stdout', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\n' });
    const { code, stdout } = await run({ check: true, patchFile: '../changes.patch' });

    expect(code).toBe(ExitCode.WorkRemaining);
    expect(stdout).toBe('src/app.js: 1 call site to convert\n');
    expect(await readFile(path.join(workspace, 'changes.patch'), 'utf8')).toContain(
      '-client.getLead(1);\n+client.getLeadById(1);\n',
    );
  });

  it('records what a writing run wrote', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\n' });
    const { code } = await run({ patchFile: '../written.patch' });

    expect(code).toBe(ExitCode.Ok);
    expect(await readFile(path.join(project, 'src/app.js'), 'utf8')).toBe(
      'client.getLeadById(1);\n',
    );
    expect(await readFile(path.join(workspace, 'written.patch'), 'utf8')).toContain(
      '+client.getLeadById(1);\n',
    );
  });

  it('exits 2 when the patch file cannot be written', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\n' });
    await writeTree(workspace, { blocker: 'a file, not a directory\n' });
    const { code, stderr } = await run({ dry: true, patchFile: '../blocker/changes.patch' });

    expect(code).toBe(ExitCode.Error);
    expect(stderr).toMatch(/Error: Cannot write the patch file \.\.\/blocker\/changes\.patch: /);
  });
});

describe('run --format github', () => {
  it('rejects --dry without --patch-file', async () => {
    await writeTree(project, { 'src/app.js': 'client.getLead(1);\n' });

    await expect(run({ dry: true, format: 'github' })).rejects.toThrow(UsageError);
    await expect(run({ dry: true, format: 'github' })).rejects.toThrow(/needs --patch-file/);
  });
});

describe('run --verbose', () => {
  it('lists every file with its outcome and reason', async () => {
    await writeMigratedProject({
      'src/app.js': 'client.getLead(1);\n',
      'src/plain.js': 'export const x = 1;\n',
      'src/unsafe.js': '// UNSAFE\n',
      'src/broken.js': 'CRASH\n',
    });
    const { stderr } = await run({ check: true, verbose: true });

    const listing = stderr.slice(0, stderr.indexOf('Migration check'));
    expect(listing).toMatch(/^Files:\n/);
    expect(listing).toMatch(/ {2}changed +src\/app\.js: 1 call site to convert\n/);
    expect(listing).toMatch(
      / {2}failed +src\/broken\.js: failed: transform failed: transform crashed\n/,
    );
    expect(listing).toMatch(/ {2}not-soap +src\/plain\.js: no Marketo SOAP code found/);
    expect(listing).toMatch(
      / {2}skipped +src\/unsafe\.js: skipped for safety at line 1: computed operation name\n/,
    );
  });

  it('prints no listing without --verbose', async () => {
    await writeMigratedProject({ 'src/app.js': 'client.getLead(1);\n' });
    const { stderr } = await run({ check: true });

    expect(stderr).not.toContain('Files:\n');
  });
});
