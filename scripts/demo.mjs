// Runs the built CLI as a dry run over the bundled sample repository, from the repository
// root. The patch goes to stdout and the summary to stderr, unchanged. `npm run demo`
// builds first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

const result = spawnSync(process.execPath, [cli, 'run', '--dry', 'fixtures/sample-repo'], {
  cwd: repositoryRoot,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`Cannot start ${cli}: ${result.error.message}`);
  process.exitCode = 2;
} else {
  // A CLI killed by a signal has no exit status, so the demo reports an error.
  process.exitCode = result.status ?? 2;
}
