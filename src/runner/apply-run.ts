import { applyChange } from './atomic-write.js';
import { errorMessage } from './errors.js';
import { holdBackClientImports } from './run.js';
import type { RunResult } from './run-result.js';

/**
 * Writes the changes of a planned run: the vendored client first, then the rewritten
 * files. When vendoring fails, files that import the client are not written. A failed
 * write marks its file as failed and leaves it as it was. Updates `result` in place.
 *
 * NOTE: a file edited by another program between the read and the write is overwritten,
 * because the writer does not compare it with what was read.
 */
export async function applyRun(result: RunResult): Promise<void> {
  const vendor = result.vendor;
  if (vendor !== null && vendor.error === null) {
    for (const change of vendor.changes) {
      try {
        await applyChange(change);
      } catch (error) {
        vendor.error = `write of ${change.path} failed: ${errorMessage(error)}`;
        holdBackClientImports(result);
        break;
      }
    }
  }

  for (const outcome of result.files) {
    if (outcome.status !== 'changed' || outcome.change === null) {
      continue;
    }
    try {
      await applyChange(outcome.change);
    } catch (error) {
      outcome.status = 'failed';
      outcome.failure = { reason: `write failed: ${errorMessage(error)}`, location: null };
      outcome.change = null;
    }
  }
}
