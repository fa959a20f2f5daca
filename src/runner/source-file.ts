import { readFile, stat } from 'node:fs/promises';

export interface SourceFile {
  /** The file decoded as UTF-8, with a byte-order mark kept as U+FEFF. */
  text: string;
  /** False when the bytes are not valid UTF-8. `text` then contains U+FFFD in their place. */
  validUtf8: boolean;
  /** Permission bits, kept when the file is rewritten. */
  mode: number;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Reads a file and decodes it as UTF-8 without dropping the byte-order mark. */
export async function readSourceFile(filePath: string): Promise<SourceFile> {
  const [bytes, stats] = await Promise.all([readFile(filePath), stat(filePath)]);
  const mode = stats.mode & 0o7777;
  try {
    return { text: strictDecoder.decode(bytes), validUtf8: true, mode };
  } catch {
    return { text: lenientDecoder.decode(bytes), validUtf8: false, mode };
  }
}
