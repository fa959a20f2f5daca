#!/usr/bin/env node
import { ExitCode } from './runner/exit-codes.js';

// A reader that closes the pipe early (`run --dry | head`) is not an error of the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`Error: writing to stdout failed: ${error.message}\n`);
    process.exitCode = ExitCode.Error;
  }
});

// The toolkit is loaded with a dynamic import, so a module that fails to load exits with
// ExitCode.Error rather than Node's 1, which is reserved for a check mode.
try {
  const { main } = await import('./runner/command-line.js');
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Error: marketo-soap-to-rest failed to start: ${detail}\n`);
  process.exitCode = ExitCode.Error;
}
