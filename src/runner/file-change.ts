/** One file the run creates, rewrites or deletes. The patch and the writer both consume it. */
export interface FileChange {
  /** Absolute path. */
  path: string;
  /** Current content, or null for a new file. */
  before: string | null;
  /** New content, or null when the file is deleted. */
  after: string | null;
  /** Permission bits of the existing file, kept by the writer. Null for a new file. */
  mode: number | null;
}

/** Permission bits of files the run creates, matching the patch's `new file mode 100644` line. */
export const NEW_FILE_MODE = 0o644;
