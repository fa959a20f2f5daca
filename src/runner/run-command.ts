import path from 'node:path';

import type { TransformInfo } from '../core/registry-types.js';
import { formatGithubAnnotations } from './annotations.js';
import { applyChange, writeFileAtomic } from './atomic-write.js';
import { applyRun } from './apply-run.js';
import { loadConfigFile } from './config-file.js';
import { planDependencies } from './dependencies.js';
import { UsageError, errorMessage } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { loadFieldMap } from './field-map.js';
import { NEW_FILE_MODE } from './file-change.js';
import { assertCleanWorkTrees, workTreesWritten } from './git-guard.js';
import { formatPatch } from './patch.js';
import { createProgressReporter, type ProgressStream } from './progress.js';
import { buildReport, formatJsonReport, type JsonReport } from './report.js';
import { formatMarkdownReport } from './report-markdown.js';
import { defaultRunDependencies, planRun, type RunDependencies } from './run.js';
import { collectChanges, type RunResult } from './run-result.js';
import { resolveRunSetup, type RunSetup } from './run-setup.js';
import { formatErrors, formatSummary } from './summary.js';
import { TOOLKIT_NAME, locateToolkit } from './toolkit.js';
import { selectTransforms } from './transform-selection.js';
import { formatVerboseList } from './verbose.js';
import { exitCodeOf, formatCheckLines } from './work.js';

/** Working directory, output streams and environment of a command. */
export interface CommandIO {
  cwd: string;
  stdout: { write(text: string): unknown };
  /** A progress bar is drawn here when `isTTY` is true. */
  stderr: ProgressStream;
  /** Environment of `fields pull`. Default: empty, so no `MARKETO_*` variable is set. */
  env?: Record<string, string | undefined>;
}

/** Values of `--format`. */
export const OUTPUT_FORMATS = ['text', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `run` options as the command line gives them, before validation. */
export interface RunArguments {
  paths: readonly string[];
  dry: boolean;
  silent: boolean;
  check?: boolean;
  format?: OutputFormat;
  allowDirty?: boolean;
  verbose?: boolean;
  pruneDependencies?: boolean;
  transform?: readonly string[];
  config?: string;
  clientPath?: string;
  clientImport?: string;
  patchFile?: string;
  report?: string;
  reportMd?: string;
  fieldMap?: string;
}

/**
 * Runs the `run` command: validates the options, plans the run, then writes the changes or,
 * with `--dry` or `--check`, only reports them. Prints the patch, the `--check` listing or the
 * annotations on stdout, and the file list and summary on stderr. Writes the patch and report
 * files that were asked for. Returns the exit code.
 *
 * @throws UsageError for an invalid option value, before any file is read.
 * @throws DirtyWorkTreeError when a writing run meets uncommitted changes, before any write.
 */
export async function runCommand(
  args: RunArguments,
  io: CommandIO,
  registry: readonly TransformInfo[],
  dependencies: RunDependencies = defaultRunDependencies,
): Promise<ExitCodeValue> {
  const check = args.check === true;
  const format = args.format ?? 'text';
  if (format === 'github' && args.dry && !check && args.patchFile === undefined) {
    throw new UsageError(
      '--format github with --dry needs --patch-file, because the annotations and the patch ' +
        'would both go to stdout.',
    );
  }
  const transforms = selectTransforms(args.transform, registry);
  const config =
    args.config === undefined ? undefined : await loadConfigFile(path.resolve(io.cwd, args.config));
  const fieldMap =
    args.fieldMap === undefined
      ? undefined
      : await loadFieldMap(path.resolve(io.cwd, args.fieldMap));

  const setup = await resolveRunSetup({
    cwd: io.cwd,
    paths: args.paths.length === 0 ? ['.'] : args.paths,
    dry: args.dry || check,
    check,
    transforms,
    pruneDependencies: args.pruneDependencies === true,
    ...(config === undefined ? {} : { config }),
    ...(fieldMap === undefined ? {} : { fieldMap }),
    ...(args.clientPath === undefined ? {} : { clientPath: args.clientPath }),
    ...(args.clientImport === undefined ? {} : { clientImport: args.clientImport }),
  });
  const writes = !setup.options.dry;
  if (writes && args.allowDirty !== true) {
    await assertCleanWorkTrees(await workTreesWritten(setup));
  }

  const result = await planWithProgress(setup, dependencies, args.silent ? null : io.stderr);
  if (writes) {
    await applyRun(result);
    await planDependencies(result, setup);
    await applyDependencyChanges(result);
  } else {
    await planDependencies(result, setup);
  }

  const patch = formatRunPatch(result);
  if (args.patchFile !== undefined && patch !== null) {
    await writeOutputFile(result, args.patchFile, io.cwd, patch, 'patch');
  }

  const report = buildReport(result, {
    toolName: TOOLKIT_NAME,
    toolVersion: locateToolkit().version,
    transforms,
  });
  const outputErrors: string[] = [];
  if (args.report !== undefined) {
    await writeReportFile(args.report, io.cwd, formatJsonReport(report), outputErrors);
  }
  if (args.reportMd !== undefined) {
    await writeReportFile(args.reportMd, io.cwd, formatMarkdownReport(report), outputErrors);
  }

  const stdoutPatch = args.patchFile === undefined ? patch : null;
  io.stdout.write(formatStdout(result, report, format, stdoutPatch));
  if (args.verbose === true) {
    io.stderr.write(formatVerboseList(result));
  }
  io.stderr.write(args.silent ? formatErrors(result) : formatSummary(result));
  for (const error of outputErrors) {
    io.stderr.write(`Error: ${error}\n`);
  }
  return outputErrors.length > 0 ? ExitCode.Error : exitCodeOf(result);
}

async function planWithProgress(
  setup: RunSetup,
  dependencies: RunDependencies,
  stream: ProgressStream | null,
): Promise<RunResult> {
  const progress = stream === null ? null : createProgressReporter(stream);
  if (progress === null) {
    return planRun(setup, dependencies);
  }
  const onFileDone: RunDependencies['onFileDone'] = (outcome, done, total) => {
    progress.onFileDone(outcome, done, total);
    dependencies.onFileDone?.(outcome, done, total);
  };
  try {
    return await planRun(setup, { ...dependencies, onFileDone });
  } finally {
    progress.stop();
  }
}

/** Writes the `package.json` edits of `--prune-dependencies`. A failed write is a run error. */
async function applyDependencyChanges(result: RunResult): Promise<void> {
  for (const dependency of result.dependencies) {
    if (dependency.change === null) {
      continue;
    }
    try {
      await applyChange(dependency.change);
    } catch (error) {
      result.errors.push(`write of ${dependency.manifestPath} failed: ${errorMessage(error)}`);
      dependency.change = null;
      dependency.status = 'removable';
    }
  }
}

/** Returns the patch of the run's changes, or null when it cannot be formatted (a run error). */
function formatRunPatch(result: RunResult): string | null {
  try {
    return formatPatch(collectChanges(result), result.patchBase);
  } catch (error) {
    result.errors.push(errorMessage(error));
    return null;
  }
}

/**
 * Returns the text of stdout. That is the annotations with `--format github`, else the listing
 * of files that need work with `--check`, else the patch with `--dry`, else nothing.
 */
function formatStdout(
  result: RunResult,
  report: JsonReport,
  format: OutputFormat,
  patch: string | null,
): string {
  if (format === 'github') {
    return formatGithubAnnotations(report);
  }
  if (result.check) {
    return formatCheckLines(result);
  }
  return result.dry ? (patch ?? '') : '';
}

async function writeOutputFile(
  result: RunResult,
  file: string,
  cwd: string,
  content: string,
  what: string,
): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(cwd, file), content, NEW_FILE_MODE);
  } catch (error) {
    result.errors.push(`Cannot write the ${what} file ${file}: ${errorMessage(error)}`);
  }
}

async function writeReportFile(
  file: string,
  cwd: string,
  content: string,
  errors: string[],
): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(cwd, file), content, NEW_FILE_MODE);
  } catch (error) {
    errors.push(`Cannot write the report file ${file}: ${errorMessage(error)}`);
  }
}
