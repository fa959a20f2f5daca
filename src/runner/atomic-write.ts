import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { FileChange } from './file-change.js';
import { NEW_FILE_MODE } from './file-change.js';

/**
 * Writes `content` to `filePath` through a temporary file in the same directory and a
 * rename, so a reader never sees a half-written file. The file gets the permission bits
 * `mode` (those of the file it replaces, or `NEW_FILE_MODE` for a new one), whatever the umask.
 * Missing parent directories are created.
 */
export async function writeFileAtomic(
  filePath: string,
  content: string,
  mode: number,
): Promise<void> {
  const directory = path.dirname(filePath);
  await mkdir(directory, { recursive: true });

  const temporaryPath = path.join(
    directory,
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporaryPath, content, { encoding: 'utf8', flag: 'wx', mode });
    await chmod(temporaryPath, mode);
    await rename(temporaryPath, filePath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/** Writes or deletes the file of one change. */
export async function applyChange(change: FileChange): Promise<void> {
  if (change.after === null) {
    await unlink(change.path);
    return;
  }
  await writeFileAtomic(change.path, change.after, change.mode ?? NEW_FILE_MODE);
}
