import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { resolveRunSetup } from '../../src/runner/run-setup.js';
import { walkRoots } from '../../src/runner/walk.js';
import { git, initRepository, makeTempDir, removeDir, writeTree } from './helpers.js';

let root: string;

beforeEach(async () => {
  root = await makeTempDir('mstr-walk-');
});

afterEach(async () => {
  await removeDir(root);
});

async function walkedFiles(cwd: string, paths: string[] = ['.']): Promise<string[]> {
  const setup = await resolveRunSetup({ cwd, paths, dry: true, transforms: ['client'] });
  const result = await walkRoots(setup.roots, setup.vendorDirectory ? [setup.vendorDirectory] : []);
  return result.files.map((file) => path.relative(root, file.path).split(path.sep).join('/'));
}

describe('walkRoots', () => {
  it('keeps only handled extensions', async () => {
    await writeTree(root, {
      'a.js': '',
      'b.jsx': '',
      'c.mjs': '',
      'd.cjs': '',
      'e.ts': '',
      'f.tsx': '',
      'g.mts': '',
      'h.cts': '',
      'readme.md': '',
      'data.json': '',
      'style.css': '',
      'upper.JS': '',
    });
    expect(await walkedFiles(root)).toEqual([
      'a.js',
      'b.jsx',
      'c.mjs',
      'd.cjs',
      'e.ts',
      'f.tsx',
      'g.mts',
      'h.cts',
    ]);
  });

  it('lists files that run outside Node', async () => {
    await writeTree(root, {
      'server.sjs': '',
      'email.ssjs': '',
      'xs/service.xsjs': '',
      'xs/lib.xsjslib': '',
      'apps/Code.gs': '',
      'legacy/module.jsm': '',
    });
    const setup = await resolveRunSetup({ cwd: root, paths: ['.'], dry: true, transforms: [] });
    const result = await walkRoots(setup.roots, []);
    const kinds = result.files.map((file) => [path.basename(file.path), file.kind]);
    expect(kinds).toEqual([
      ['Code.gs', 'outside-node'],
      ['email.ssjs', 'outside-node'],
      ['module.jsm', 'outside-node'],
      ['server.sjs', 'outside-node'],
      ['lib.xsjslib', 'outside-node'],
      ['service.xsjs', 'outside-node'],
    ]);
  });

  it('skips node_modules and .git at any depth', async () => {
    await writeTree(root, {
      'src/app.js': '',
      'node_modules/soap/index.js': '',
      'packages/x/node_modules/dep/index.js': '',
      'packages/x/lib.js': '',
      '.git/hooks/pre-commit.js': '',
    });
    expect(await walkedFiles(root)).toEqual(['packages/x/lib.js', 'src/app.js']);
  });

  it('applies nested .gitignore files and negations', async () => {
    await writeTree(root, {
      '.gitignore': 'build/\n*.gen.js\n!keep.gen.js\n',
      'build/out.js': '',
      'src/a.js': '',
      'src/a.gen.js': '',
      'src/keep.gen.js': '',
      'src/.gitignore': 'local-*.js\n!local-shared.js\n',
      'src/local-dev.js': '',
      'src/local-shared.js': '',
      'src/deep/.gitignore': '!*.gen.js\n',
      'src/deep/b.gen.js': '',
      'src/deep/local-x.js': '',
      'other/local-dev.js': '',
    });
    initRepository(root);
    expect(await walkedFiles(root)).toEqual([
      'other/local-dev.js',
      'src/a.js',
      'src/deep/b.gen.js',
      'src/keep.gen.js',
      'src/local-shared.js',
    ]);
  });

  it('matches the files git reports as not ignored', async () => {
    await writeTree(root, {
      '.gitignore': 'dist\n/tmp/\n**/generated/**\n*.log.js\n!important.log.js\n',
      'dist/bundle.js': '',
      'tmp/scratch.js': '',
      'lib/tmp/kept.js': '',
      'lib/generated/api.js': '',
      'lib/x.log.js': '',
      'lib/important.log.js': '',
      'lib/sub/.gitignore': '/only-here.ts\nnested/\n',
      'lib/sub/only-here.ts': '',
      'lib/sub/deeper/only-here.ts': '',
      'lib/sub/nested/n.ts': '',
      'lib/sub/ok.tsx': '',
      'index.mjs': '',
    });
    initRepository(root);
    const fromGit = git(root, ['ls-files', '--cached', '--others', '--exclude-standard'])
      .split('\n')
      .filter((name) => /\.(m|c)?(j|t)sx?$/.test(name))
      .sort();
    expect(await walkedFiles(root)).toEqual(fromGit);
  });

  it('applies .gitignore files above the walked subdirectory', async () => {
    await writeTree(root, {
      '.gitignore': 'app/ignored/\napp/*.tmp.js\n',
      'app/ignored/x.js': '',
      'app/main.js': '',
      'app/main.tmp.js': '',
      'app/sub/y.js': '',
    });
    initRepository(root);
    expect(await walkedFiles(path.join(root, 'app'))).toEqual(['app/main.js', 'app/sub/y.js']);
  });

  it('uses the walk root as base outside git', async () => {
    await writeTree(root, {
      'project/.gitignore': 'out/\n',
      'project/out/a.js': '',
      'project/src/b.js': '',
    });
    expect(await walkedFiles(root, ['project'])).toEqual(['project/src/b.js']);
  });

  it('reports ignored and unhandled roots', async () => {
    await writeTree(root, {
      '.gitignore': 'vendor/\n',
      'vendor/lib.js': '',
      'notes.txt': '',
      'main.js': '',
    });
    initRepository(root);
    const setup = await resolveRunSetup({
      cwd: root,
      paths: ['vendor', 'notes.txt', 'main.js'],
      dry: true,
      transforms: [],
    });
    const result = await walkRoots(setup.roots, []);
    expect(result.files.map((file) => path.basename(file.path))).toEqual(['main.js']);
    expect(result.notScanned.map((entry) => path.basename(entry.path))).toEqual([
      'vendor',
      'notes.txt',
    ]);
  });

  it('skips the vendor folder and lists duplicates once', async () => {
    await writeTree(root, {
      'package.json': '{}',
      'marketo-rest-client/index.js': '',
      'src/a.js': '',
    });
    expect(await walkedFiles(root, ['.', 'src', 'src/a.js'])).toEqual(['src/a.js']);
  });

  it('does not follow symbolic links', async () => {
    const { symlink } = await import('node:fs/promises');
    await writeTree(root, { 'real/a.js': '' });
    await symlink(path.join(root, 'real'), path.join(root, 'linked'));
    await symlink(path.join(root, 'real', 'a.js'), path.join(root, 'link.js'));
    expect(await walkedFiles(root)).toEqual(['real/a.js']);
  });
});
