import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  git,
  initRepository,
  makeTempDir,
  readTree,
  removeDir,
  treeAsText,
} from '../runner/helpers.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codemodBinary = path.join(repositoryRoot, 'node_modules/.bin/codemod');
const cliPath = path.join(repositoryRoot, 'dist/src/cli.js');
const sampleRepository = path.join(repositoryRoot, 'fixtures/sample-repo');

let workspace = '';
let home = '';
let target = '';

beforeAll(async () => {
  for (const required of [codemodBinary, cliPath]) {
    if (!existsSync(required)) {
      throw new Error(
        `${required} is missing. Install the dev dependencies and run \`npm run build\`.`,
      );
    }
  }
  workspace = await makeTempDir('mstr-codemod-');
  home = path.join(workspace, 'home');
  await mkdir(home);
});

afterAll(async () => {
  if (workspace !== '') {
    await removeDir(workspace);
  }
});

beforeEach(async () => {
  target = path.join(await mkdtemp(path.join(workspace, 'run-')), 'sample');
  await cp(sampleRepository, target, { recursive: true });
  initRepository(target);
});

/**
 * Runs the real Codemod CLI on this repository as a local package, from `target`. HOME is a
 * temporary folder, so the CLI's own state stays out of the user's, and the proxy variables
 * point at a closed loopback port, so any request it tried would fail instead of leaving
 * the machine.
 */
function runCodemod(params: readonly string[]) {
  const packagePath = path.relative(target, repositoryRoot);
  const args = ['run', `./${packagePath}`, '--no-interactive', '--disable-analytics'];
  for (const param of params) {
    args.push('--param', param);
  }
  const result = spawnSync(codemodBinary, args, {
    cwd: target,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      http_proxy: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '',
      NO_COLOR: '1',
    },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('Codemod CLI package', () => {
  it('migrates the directory it is started from', async () => {
    const { status, output } = runCodemod([]);

    expect(status, output).toBe(0);
    expect(output).toContain('Migration summary:\n');
    expect(output).toContain('  Files failed: 0\n');
    const changes = git(target, ['status', '--porcelain']);
    expect(changes).toContain(' M lib/marketo.js\n');
    expect(changes).toContain('?? marketo-rest-client/\n');
    const source = await readFile(path.join(target, 'lib/marketo.js'), 'utf8');
    expect(source).not.toMatch(/require\(['"]soap['"]\)/);
  });

  it('prints the patch and writes nothing with dry=true', async () => {
    const before = treeAsText(await readTree(target));
    const { status, output } = runCodemod(['dry=true']);

    expect(status, output).toBe(0);
    expect(output).toContain('diff --git a/lib/marketo.js b/lib/marketo.js\n');
    expect(output).toContain('Migration summary (dry run, nothing was written):\n');
    expect(treeAsText(await readTree(target))).toEqual(before);
    expect(git(target, ['status', '--porcelain'])).toBe('');
  });

  it('runs only the transforms of the transform parameter', () => {
    const { status, output } = runCodemod(['dry=true', 'transform=getLead']);

    expect(status, output).toBe(0);
    expect(output).toMatch(/Files skipped for safety: [1-9]/);
    expect(output).toContain('which this run does not convert; run with --transform syncLead too');
  });

  it('fails on an unknown transform name', () => {
    const { status, output } = runCodemod(['transform=getLeads']);

    expect(status).not.toBe(0);
    expect(output).toContain('Unknown transform "getLeads"');
  });

  it('keeps parameter text away from the shell', () => {
    const { status, output } = runCodemod(['dry=true', 'transform=$(touch pwned)"\'`x`']);

    expect(status).not.toBe(0);
    expect(output).toContain('Unknown transform "$(touch pwned)"\'`x`"');
    expect(existsSync(path.join(target, 'pwned'))).toBe(false);
  });

  it('stops before writing into a dirty tree unless allow_dirty=true', async () => {
    await cp(path.join(target, 'README.md'), path.join(target, 'NOTES.md'));
    const rejected = runCodemod([]);

    expect(rejected.status).not.toBe(0);
    expect(rejected.output).toContain('has uncommitted changes, so nothing was written');
    expect(git(target, ['status', '--porcelain'])).toBe('?? NOTES.md\n');

    const allowed = runCodemod(['allow_dirty=true']);
    expect(allowed.status, allowed.output).toBe(0);
    expect(git(target, ['status', '--porcelain'])).toContain(' M lib/marketo.js\n');
  });
});
