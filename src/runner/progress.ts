import cliProgress from 'cli-progress';

import type { FileOutcome } from './run-result.js';

/** An output stream that may be a terminal, such as `process.stderr`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Receives each finished file, then `stop` once when the run ends or fails. */
export interface ProgressReporter {
  onFileDone: (outcome: FileOutcome, done: number, total: number) => void;
  stop: () => void;
}

/**
 * Returns a progress bar on `stream` (cli-progress 3.12) when the stream is a terminal, else
 * null, so logs and pipes get no extra output. The bar starts with the first finished file
 * and is cleared when the run stops, so the summary is printed in its place.
 */
export function createProgressReporter(stream: ProgressStream): ProgressReporter | null {
  if (stream.isTTY !== true) {
    return null;
  }
  const bar = new cliProgress.SingleBar(
    {
      // cli-progress writes only through write() and the readline cursor helpers, which also
      // call write(), so any stream with a write method and isTTY works.
      stream: stream as NodeJS.WritableStream,
      format: 'Migrating [{bar}] {value}/{total} files | {file}',
      clearOnComplete: true,
      hideCursor: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onFileDone: (outcome, done, total) => {
      if (!started) {
        bar.start(total, 0, { file: '' });
        started = true;
      }
      bar.update(done, { file: outcome.displayPath });
    },
    stop: () => {
      if (started) {
        bar.stop();
        started = false;
      }
    },
  };
}
