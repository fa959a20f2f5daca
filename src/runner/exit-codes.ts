/**
 * Exit codes of the command line, one table for the code, the README and the tests.
 * Code 1 is reserved for a later check mode that exits 1 when migration work remains.
 */
export const ExitCode = {
  /** The run finished: changes written, or nothing to change. Markers and skips are reported. */
  Ok: 0,
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
      'Call sites marked for a person and files skipped for safety are reported, not failures.',
  },
  {
    code: ExitCode.Error,
    meaning:
      'A file failed to parse or transform, an I/O error occurred, or the command line ' +
      'was invalid (unknown option or transform, invalid config file, missing path).',
  },
];
