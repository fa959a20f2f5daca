// Compiles the CLI and transforms to dist/, and the REST client twice, as an ES module
// and as CommonJS, into dist/vendor/ for the client transform to copy into target repositories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

function compile(...args) {
  execFileSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });
}

rmSync('dist', { recursive: true, force: true });
compile('-p', 'tsconfig.build.json');
compile('-p', 'tsconfig.client.json');
compile('-p', 'tsconfig.client.json', '--module', 'commonjs', '--moduleResolution', 'node10',
  '--outDir', 'dist/vendor/cjs', '--declaration', 'false');

// A package.json in each output fixes how Node loads the .js files, whatever the target's own type.
mkdirSync('dist/vendor/cjs', { recursive: true });
writeFileSync('dist/vendor/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync('dist/vendor/esm/package.json', `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
