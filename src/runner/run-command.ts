import path from 'node:path';

import type { TransformInfo } from '../core/registry-types.js';
import { applyRun } from './apply-run.js';
import { loadConfigFile } from './config-file.js';
import { errorMessage } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { formatPatch } from './patch.js';
import { defaultRunDependencies, planRun, type RunDependencies } from './run.js';
import { collectChanges, type RunResult } from './run-result.js';
import { resolveRunSetup } from './run-setup.js';
import { formatErrors, formatSummary } from './summary.js';
import { selectTransforms } from './transform-selection.js';

/** Working directory and output streams of a command. */
export interface CommandIO {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The `run` options as the command line gives them, before validation. */
export interface RunArguments {
  paths: readonly string[];
  dry: boolean;
  silent: boolean;
  transform?: readonly string[];
  config?: string;
  clientPath?: string;
  clientImport?: string;
}

/**
 * Runs the `run` command: validates the options, plans the run, then prints the patch
 * (`--dry`) on stdout or writes the changes, and prints the summary on stderr.
 * Returns the exit code.
 *
 * @throws UsageError for an invalid option value, before any file is read.
 */
export async function runCommand(
  args: RunArguments,
  io: CommandIO,
  registry: readonly TransformInfo[],
  dependencies: RunDependencies = defaultRunDependencies,
): Promise<ExitCodeValue> {
  const transforms = selectTransforms(args.transform, registry);
  const config =
    args.config === undefined ? undefined : await loadConfigFile(path.resolve(io.cwd, args.config));

  const setup = await resolveRunSetup({
    cwd: io.cwd,
    paths: args.paths.length === 0 ? ['.'] : args.paths,
    dry: args.dry,
    transforms,
    ...(config === undefined ? {} : { config }),
    ...(args.clientPath === undefined ? {} : { clientPath: args.clientPath }),
    ...(args.clientImport === undefined ? {} : { clientImport: args.clientImport }),
  });
  const result = await planRun(setup, dependencies);

  if (args.dry) {
    try {
      io.stdout.write(formatPatch(collectChanges(result), result.patchBase));
    } catch (error) {
      result.errors.push(errorMessage(error));
    }
  } else {
    await applyRun(result);
  }

  io.stderr.write(args.silent ? formatErrors(result) : formatSummary(result));
  return exitCodeOf(result);
}

/** Returns `ExitCode.Error` when a file or the run failed, else `ExitCode.Ok`. */
export function exitCodeOf(result: RunResult): ExitCodeValue {
  const failed =
    result.errors.length > 0 ||
    result.vendor?.error != null ||
    result.files.some((outcome) => outcome.status === 'failed');
  return failed ? ExitCode.Error : ExitCode.Ok;
}
