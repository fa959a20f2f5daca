// Compiles the CLI and transforms to dist/, and bundles the REST client into one
// self-contained module, as an ES module and as CommonJS, with one declaration file, into
// dist/vendor/ for the client transform to copy into target repositories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const dtsBundler = require.resolve('dts-bundle-generator/dist/bin/dts-bundle-generator.js');
const CLIENT_ENTRY = 'src/client/index.ts';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

for (const [format, folder] of [
  ['esm', 'dist/vendor/esm'],
  ['cjs', 'dist/vendor/cjs'],
]) {
  mkdirSync(folder, { recursive: true });
  buildSync({
    entryPoints: [CLIENT_ENTRY],
    outfile: `${folder}/index.js`,
    bundle: true,
    format,
    platform: 'node',
    // Node 18 is the oldest release with global fetch, which the client uses.
    target: 'node18',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // A package.json in each output fixes how Node loads index.js, whatever the target's own type.
  writeFileSync(
    `${folder}/package.json`,
    `${JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`,
  );
}
execFileSync(
  process.execPath,
  [
    dtsBundler,
    '--silent',
    '--no-banner',
    '--project',
    'tsconfig.client.json',
    '-o',
    'dist/vendor/esm/index.d.ts',
    CLIENT_ENTRY,
  ],
  { stdio: 'inherit' },
);
