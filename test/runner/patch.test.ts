import { cp, chmod, stat } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { formatPatch } from '../../src/runner/patch.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import { formatHunks, splitLines } from '../../src/runner/unified-diff.js';
import {
  captureIO,
  fakeDependencies,
  git,
  initRepository,
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

function numbered(count: number, eol = '\n', overrides: Record<number, string> = {}): string {
  let text = '';
  for (let line = 1; line <= count; line += 1) {
    text += `${overrides[line] ?? `line ${line}`}${eol}`;
  }
  return text;
}

describe('splitLines', () => {
  it('keeps terminators and the last partial line', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    expect(splitLines('a\n')).toEqual(['a\n']);
    expect(splitLines('')).toEqual([]);
  });
});

describe('formatHunks', () => {
  it('prints three lines of context', () => {
    const before = numbered(10);
    const after = numbered(10, '\n', { 5: 'changed 5' });
    expect(formatHunks(before, after)).toBe(
      '@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+changed 5\n line 6\n line 7\n line 8\n',
    );
  });

  it('merges changes six lines apart and splits seven', () => {
    const base = numbered(30);
    const merged = formatHunks(base, numbered(30, '\n', { 5: 'x', 12: 'y' }));
    expect(merged.match(/^@@/gm)).toHaveLength(1);
    const split = formatHunks(base, numbered(30, '\n', { 5: 'x', 13: 'y' }));
    expect(split.match(/^@@ .* @@$/gm)).toEqual(['@@ -2,7 +2,7 @@', '@@ -10,7 +10,7 @@']);
  });

  it('marks a missing final newline', () => {
    expect(formatHunks('a\nb', 'a\nc')).toBe(
      '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    expect(formatHunks('a\nb', 'a\nb\n')).toBe(
      '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('keeps CRLF bytes', () => {
    expect(formatHunks('a\r\nb\r\n', 'a\r\nc\r\n')).toBe('@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
  });

  it('prints a new file from line zero', () => {
    expect(formatHunks('', 'x\ny\n')).toBe('@@ -0,0 +1,2 @@\n+x\n+y\n');
  });

  it('prints nothing for equal texts', () => {
    expect(formatHunks('same\n', 'same\n')).toBe('');
  });
});

describe('formatPatch', () => {
  it('writes git headers for new, deleted and changed files', () => {
    const patch = formatPatch(
      [
        { path: '/repo/new.js', before: null, after: 'n\n', mode: null },
        { path: '/repo/gone.js', before: 'g\n', after: null, mode: 0o755 },
        { path: '/repo/a b/"q".js', before: 'a\n', after: 'b\n', mode: 0o644 },
        { path: '/repo/same.js', before: 's\n', after: 's\n', mode: 0o644 },
      ],
      '/repo',
    );
    expect(patch).toBe(
      [
        'diff --git "a/a b/\\"q\\".js" "b/a b/\\"q\\".js"',
        '--- "a/a b/\\"q\\".js"',
        '+++ "b/a b/\\"q\\".js"',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        'diff --git a/gone.js b/gone.js',
        'deleted file mode 100755',
        '--- a/gone.js',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-g',
        'diff --git a/new.js b/new.js',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new.js',
        '@@ -0,0 +1 @@',
        '+n',
        '',
      ].join('\n'),
    );
  });

  it('rejects a file outside the base directory', () => {
    expect(() =>
      formatPatch([{ path: '/elsewhere/a.js', before: 'a', after: 'b', mode: 0o644 }], '/repo'),
    ).toThrow(/outside \/repo/);
  });
});

describe('--dry patch with git apply', () => {
  let workspace: string;
  let build: FakeBuild;

  beforeEach(async () => {
    workspace = await makeTempDir('mstr-patch-');
    build = await writeFakeBuild(path.join(workspace, 'build'));
  });

  afterEach(async () => {
    await removeDir(workspace);
  });

  async function run(cwd: string, args: Partial<RunArguments> = {}) {
    const io = captureIO(cwd);
    const code = await runCommand(
      { paths: ['.'], dry: false, silent: true, ...args },
      io,
      registry,
      fakeDependencies(build),
    );
    return { code, stdout: io.out(), stderr: io.err() };
  }

  async function twoCopies(
    files: Record<string, string | Buffer>,
    executables: string[] = [],
  ): Promise<[string, string]> {
    const original = path.join(workspace, 'original');
    await writeTree(original, files);
    for (const name of executables) {
      await chmod(path.join(original, name), 0o755);
    }
    initRepository(original);
    const patched = path.join(workspace, 'patched');
    const written = path.join(workspace, 'written');
    await cp(original, patched, { recursive: true });
    await cp(original, written, { recursive: true });
    return [patched, written];
  }

  async function expectSameTrees(left: string, right: string): Promise<void> {
    const leftTree = await readTree(left);
    const rightTree = await readTree(right);
    expect(treeAsText(leftTree)).toEqual(treeAsText(rightTree));
    expect([...leftTree.keys()]).toEqual([...rightTree.keys()]);
    for (const [name, bytes] of leftTree) {
      expect(bytes.equals(rightTree.get(name) ?? Buffer.alloc(0)), name).toBe(true);
      const leftMode = (await stat(path.join(left, name))).mode & 0o777;
      const rightMode = (await stat(path.join(right, name))).mode & 0o777;
      expect(leftMode, name).toBe(rightMode);
    }
  }

  const tricky: Record<string, string | Buffer> = {
    'package.json': '{ "name": "legacy" }\n',
    '.gitignore': 'ignored/\n',
    'ignored/skip.js': 'client.getLead(x);\n',
    'src/crlf.js': numbered(20, '\r\n', { 2: 'client.getLead(a);', 17: 'client.getLead(b);' }),
    'src/no-newline.js': numbered(4, '\n', { 2: 'client.getLead(c);' }) + 'client.getLead(d);',
    'src/bom.ts': `\uFEFF${numbered(3, '\n', { 1: 'client.getLead(e);' })}`,
    'src/with space.js': 'getLead(f);\n',
    'src/"quoted"\tname.js': 'getLead(q);\n',
    'src/café.js': 'getLead(u);\n',
    'deep/nested/dir/file.mjs': 'export const g = () => client.getLead(g);\n',
    'bin/run.js': '#!/usr/bin/env node\nclient.getLead(h);\n',
    'src/untouched.js': 'export const unrelated = 1;\n',
  };

  it('applies and equals a real run', async () => {
    const [patched, written] = await twoCopies(tricky, ['bin/run.js']);

    const dry = await run(patched, { dry: true });
    expect(dry.code).toBe(ExitCode.Ok);
    expect(dry.stdout).toContain(
      'diff --git a/marketo-rest-client/index.js b/marketo-rest-client/index.js\n' +
        'new file mode 100644\n--- /dev/null\n',
    );
    expect(dry.stdout).toContain('\\ No newline at end of file\n');
    expect(dry.stdout).toContain('-client.getLead(a);\r\n+client.getLeadById(a);\r\n');
    expect(dry.stdout).not.toContain('ignored/skip.js');
    expect(git(patched, ['status', '--porcelain'])).toBe('');

    git(patched, ['apply', '--check'], dry.stdout);
    git(patched, ['apply'], dry.stdout);

    const real = await run(written);
    expect(real.code).toBe(ExitCode.Ok);
    await expectSameTrees(patched, written);
    expect((await stat(path.join(written, 'bin/run.js'))).mode & 0o777).toBe(0o755);
    const crlf = (await readTree(written)).get('src/crlf.js')?.toString();
    expect(crlf).toContain('getLeadById(b);\r\n');
  });

  it('uses top-level paths from a subdirectory', async () => {
    const [patched, written] = await twoCopies(tricky);
    const dry = await run(path.join(patched, 'src'), { dry: true });

    expect(dry.stdout).toContain('diff --git a/src/crlf.js b/src/crlf.js\n');
    expect(dry.stdout).toContain('+++ b/marketo-rest-client/index.js\n');
    expect(dry.stdout).not.toContain('deep/nested');
    git(patched, ['apply'], dry.stdout);

    await run(path.join(written, 'src'));
    await expectSameTrees(patched, written);
  });

  it('replaces an older vendored client in the patch', async () => {
    const [patched, written] = await twoCopies(tricky);
    const oldBuild = await writeFakeBuild(path.join(workspace, 'old-build'), '0.0.1');
    await writeTree(oldBuild.cjsClientDirectory, { 'stale.js': "'use strict';\n" });
    for (const copy of [patched, written]) {
      const io = captureIO(copy);
      await runCommand(
        { paths: ['.'], dry: false, silent: true },
        io,
        registry,
        fakeDependencies(oldBuild),
      );
      git(copy, ['add', '--all']);
      git(copy, ['commit', '--quiet', '--message', 'Migrate with 0.0.1']);
    }

    const dry = await run(patched, { dry: true });
    expect(dry.stdout).toContain('deleted file mode 100644\n--- a/marketo-rest-client/stale.js\n');
    expect(dry.stdout).toContain('-// Generated by marketo-soap-to-rest 0.0.1.');
    git(patched, ['apply'], dry.stdout);

    await run(written);
    await expectSameTrees(patched, written);
  });

  it('is relative to the current directory outside git', async () => {
    const outside = path.join(workspace, 'outside');
    await writeTree(outside, {
      'package.json': '{}',
      'app/a.js': 'getLead(x);\n',
    });
    const dry = await run(outside, { dry: true, paths: ['app'] });
    expect(dry.stdout).toContain('diff --git a/app/a.js b/app/a.js\n');
    git(outside, ['apply'], dry.stdout);
    expect((await readTree(outside)).get('app/a.js')?.toString()).toBe('getLeadById(x);\n');
  });

  it('prints nothing when nothing changes', async () => {
    const [patched] = await twoCopies({
      'a.js': 'export const x = 1;\n',
      'b.js': 'client.other();\n',
    });
    const dry = await run(patched, { dry: true });
    expect(dry.code).toBe(ExitCode.Ok);
    expect(dry.stdout).toBe('');
  });
});
