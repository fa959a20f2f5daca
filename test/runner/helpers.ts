import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  OutputParseError,
  SourceParseError,
  type FileReport,
  type MigrateOptions,
  type MigrateResult,
} from '../../src/core/types.js';
import type { CommandIO } from '../../src/runner/run-command.js';
import type { RunDependencies } from '../../src/runner/run.js';
import type { VendorSource } from '../../src/runner/vendor.js';

/** Creates an empty directory under the system temporary directory. */
export async function makeTempDir(prefix = 'mstr-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

/** Writes files given by path relative to `root`. String content is written as UTF-8. */
export async function writeTree(
  root: string,
  files: Record<string, string | Buffer>,
): Promise<void> {
  for (const [relativePath, content] of Object.entries(files)) {
    const target = path.join(root, relativePath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Reads every file below `root` except `.git`, as bytes, by forward-slash relative path. */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const visit = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    for (const entry of entries) {
      const entryPath = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') {
          await visit(entryPath);
        }
      } else if (entry.isFile()) {
        const name = path.relative(root, entryPath).split(path.sep).join('/');
        files.set(name, await readFile(entryPath));
      }
    }
  };
  await visit(root);
  return new Map([...files.entries()].sort(([left], [right]) => (left < right ? -1 : 1)));
}

/** Converts a tree to a plain object of UTF-8 strings, for readable equality failures. */
export function treeAsText(tree: Map<string, Buffer>): Record<string, string> {
  const entries = [...tree.entries()].map(([name, bytes]) => [name, bytes.toString('utf8')]);
  return Object.fromEntries(entries);
}

/** Runs git with a fixed identity and no user or system configuration. */
export function git(cwd: string, args: readonly string[], input?: string): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Turns `directory` into a git repository with everything in it committed. */
export function initRepository(directory: string): void {
  git(directory, ['init', '--quiet', '--initial-branch=main']);
  git(directory, ['add', '--all']);
  git(directory, ['commit', '--quiet', '--allow-empty', '--message', 'Initial commit']);
}

/** Collects what a command writes, in place of the process streams. */
export function captureIO(cwd: string): CommandIO & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    out: () => stdout,
    err: () => stderr,
  };
}

function emptyReport(): FileReport {
  return {
    converted: 0,
    convertedByTransform: {},
    markers: [],
    ignored: [],
    secrets: [],
    skipped: null,
    importsClient: false,
  };
}

/**
 * Imitates the migration core, acting on words in the source:
 * - `getLead(` becomes `getLeadById(` (one converted site each, and the client is imported);
 * - `MARK_ME` on a line adds a new marker there, `MARKETO-MIGRATE:` an existing one;
 * - `IGNORE_ME` adds an ignored call, `SECRET_HERE` a hard-coded credential;
 * - `UNSAFE` leaves the file unchanged as skipped for safety;
 * - `SYNTAX_ERROR` throws SourceParseError at that line, `BAD_OUTPUT` OutputParseError,
 *   `CRASH` a plain Error.
 * A file already using `getLeadById` reports that it imports the client.
 */
export function fakeMigrate(source: string, options: MigrateOptions): MigrateResult {
  const report = emptyReport();
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const location = { line: index + 1, column: 1 };
    if (line.includes('SYNTAX_ERROR')) {
      throw new SourceParseError(options.filePath, location, 'Unexpected token');
    }
    if (line.includes('BAD_OUTPUT')) {
      throw new OutputParseError(options.filePath, 'Unterminated string');
    }
    if (line.includes('CRASH')) {
      throw new Error('transform crashed');
    }
    if (line.includes('MARK_ME')) {
      report.markers.push({
        ...location,
        transform: 'getLead',
        message: 'Check the lead fields',
        existing: false,
      });
    }
    if (line.includes('MARKETO-MIGRATE:')) {
      report.markers.push({
        ...location,
        transform: 'getLead',
        message: 'Earlier marker',
        existing: true,
      });
    }
    if (line.includes('IGNORE_ME')) {
      const reason = 'marketo-migrate-ignore comment';
      report.ignored.push({ ...location, transform: 'getLead', reason });
    }
    if (line.includes('SECRET_HERE')) {
      const reason = 'hard-coded encryption key';
      report.secrets.push({ ...location, transform: 'client', reason });
    }
    if (line.includes('UNSAFE')) {
      report.skipped = { ...location, transform: 'getLead', reason: 'computed operation name' };
    }
  });

  if (report.skipped !== null) {
    return { output: source, changed: false, report: { ...report, markers: [], converted: 0 } };
  }
  const converted = source.split('getLead(').length - 1;
  const output = source.split('getLead(').join('getLeadById(');
  report.converted = converted;
  report.convertedByTransform = converted > 0 ? { getLead: converted } : {};
  report.importsClient = output.includes('getLeadById(');
  return { output, changed: output !== source, report };
}

/** Words that make `fakeMigrate` act, so the text check lets those files through. */
export function fakeMightContainSoap(source: string): boolean {
  const words =
    /getLead|MARK_ME|MARKETO-MIGRATE|IGNORE_ME|SECRET_HERE|UNSAFE|SYNTAX_ERROR|BAD_OUTPUT|CRASH/;
  return words.test(source);
}

export interface FakeBuild extends VendorSource {
  directory: string;
}

/**
 * Writes a small stand-in for `dist/vendor/`: an ES module build with declarations and a
 * CommonJS build, each with a helper module, so vendoring can be tested without the real build.
 */
export async function writeFakeBuild(directory: string, version = '0.1.0'): Promise<FakeBuild> {
  await writeTree(directory, {
    'esm/index.js': "export { MarketoClient } from './client.js';\n",
    'esm/client.js': 'export class MarketoClient {}\n',
    'esm/index.d.ts': "export { MarketoClient } from './client.js';\n",
    'esm/client.d.ts': 'export declare class MarketoClient {}\n',
    'esm/package.json': '{\n  "type": "module"\n}\n',
    'cjs/index.js':
      "'use strict';\nexports.MarketoClient = require('./client.js').MarketoClient;\n",
    'cjs/client.js':
      "'use strict';\nclass MarketoClient {}\nexports.MarketoClient = MarketoClient;\n",
    'cjs/package.json': '{\n  "type": "commonjs"\n}\n',
  });
  return {
    directory,
    version,
    esmClientDirectory: path.join(directory, 'esm'),
    cjsClientDirectory: path.join(directory, 'cjs'),
  };
}

/** Dependencies of a run with the fake core, recording every call of `migrate`. */
export function fakeDependencies(
  build: VendorSource,
): RunDependencies & { calls: MigrateOptions[] } {
  const calls: MigrateOptions[] = [];
  return {
    calls,
    migrate: (source, options) => {
      calls.push(options);
      return fakeMigrate(source, options);
    },
    mightContainSoap: fakeMightContainSoap,
    vendorSource: () => build,
  };
}
