/** Exit codes of the command line, one table for the code, the docs and the tests. */
export const ExitCode = {
  /** The run finished: changes written, or nothing to change. Markers and skips are reported. */
  Ok: 0,
  /** `--check` only: the run found migration work left to do, and nothing failed. */
  WorkRemaining: 1,
  /** A file failed to parse or transform, an I/O operation failed, or the usage was invalid. */
  Error: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ExitCodeRow {
  code: ExitCodeValue;
  meaning: string;
}

export const exitCodeTable: readonly ExitCodeRow[] = [
  {
    code: ExitCode.Ok,
    meaning:
      'The run finished: changes were written, or there was nothing to change. ' +
      'Call sites marked for a person and files skipped for safety are reported, not failures. ' +
      'With --check: the tree is fully migrated.',
  },
  {
    code: ExitCode.WorkRemaining,
    meaning:
      'Only with --check: work remains. Files would change, or SOAP call sites are still ' +
      'marked for a person, ignored, skipped for safety or in files that run outside Node.',
  },
  {
    code: ExitCode.Error,
    meaning:
      'A file failed to parse or transform, an I/O error occurred, the git work tree has ' +
      'uncommitted changes (see --allow-dirty), or the command line was invalid (unknown ' +
      'option or transform, invalid config or field map file, missing path).',
  },
];
