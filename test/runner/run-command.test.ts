import { readdir, readFile, stat, chmod } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { UsageError } from '../../src/runner/errors.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import {
  captureIO,
  fakeDependencies,
  initRepository,
  makeTempDir,
  readTree,
  removeDir,
  writeFakeBuild,
  writeTree,
  type FakeBuild,
} from './helpers.js';

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: 'Client.' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: 'Lead.' },
  { name: 'syncLead', soapOperation: 'syncLead', restEndpoints: [], summary: 'Sync.' },
];

let workspace: string;
let project: string;
let build: FakeBuild;

beforeEach(async () => {
  workspace = await makeTempDir('mstr-run-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
});

afterEach(async () => {
  await removeDir(workspace);
});

async function run(args: Partial<RunArguments> = {}, cwd = project) {
  const io = captureIO(cwd);
  const dependencies = fakeDependencies(build);
  const code = await runCommand(
    { paths: ['.'], dry: false, silent: false, ...args },
    io,
    registry,
    dependencies,
  );
  return { code, stdout: io.out(), stderr: io.err(), calls: dependencies.calls };
}

describe('runCommand writing', () => {
  it('rewrites files and leaves others byte-identical', async () => {
    await writeTree(project, {
      'package.json': '{ "name": "legacy" }\n',
      'src/leads.js': 'client.getLead({ leadKey }, cb);\n',
      'src/other.js': 'const soap = require("soap");\n',
    });
    const { code, stdout } = await run();

    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toBe('');
    expect(await readFile(path.join(project, 'src/leads.js'), 'utf8')).toBe(
      'client.getLeadById({ leadKey }, cb);\n',
    );
    expect(await readFile(path.join(project, 'src/other.js'), 'utf8')).toBe(
      'const soap = require("soap");\n',
    );
  });

  it('skips files the text check rejects without calling migrate', async () => {
    await writeTree(project, {
      'plain.js': 'export const x = 1;\n',
      'soap.js': 'client.getLead(args);\n',
    });
    const { code, stderr, calls } = await run();

    expect(code).toBe(ExitCode.Ok);
    expect(calls.map((call) => call.filePath)).toEqual(['soap.js']);
    expect(stderr).toContain('Files scanned: 2\n');
  });

  it('keeps the file mode and leaves no temporary file', async () => {
    await writeTree(project, { 'bin/tool.js': '#!/usr/bin/env node\nclient.getLead(a);\n' });
    const filePath = path.join(project, 'bin/tool.js');
    await chmod(filePath, 0o751);
    await run({ clientImport: 'marketo-rest' });

    expect((await stat(filePath)).mode & 0o7777).toBe(0o751);
    expect(await readFile(filePath, 'utf8')).toBe('#!/usr/bin/env node\nclient.getLeadById(a);\n');
    expect(await readdir(path.dirname(filePath))).toEqual(['tool.js']);
  });

  it('keeps CRLF, BOM and a missing final newline', async () => {
    const source = '\uFEFFclient.getLead(a);\r\nnext();\r\nclient.getLead(b);';
    await writeTree(project, { 'crlf.ts': source });
    await run({ clientImport: 'marketo-rest' });

    const bytes = await readFile(path.join(project, 'crlf.ts'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFclient.getLeadById(a);\r\nnext();\r\nclient.getLeadById(b);',
    );
  });

  it('passes the filters and options to migrate', async () => {
    await writeTree(project, {
      'package.json': '{}',
      'a.js': 'getLead(x);\n',
      'deep/er/b.ts': 'getLead(y);\n',
      'config.json': '{ "foreignSysPersonIdField": "legacyId__c" }',
    });
    const { calls } = await run({ transform: ['getLead'], config: 'config.json' });

    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({
      filePath: 'a.js',
      transforms: ['client', 'getLead'],
      clientImport: './marketo-rest-client/index.js',
      config: { foreignSysPersonIdField: 'legacyId__c' },
    });
    expect(calls[1]?.filePath).toBe(path.join('deep', 'er', 'b.ts'));
    expect(calls[1]?.clientImport).toBe('../../marketo-rest-client/index.js');
  });
});

describe('runCommand failures', () => {
  it('keeps a failed file byte-identical and exits 2', async () => {
    const broken = 'client.getLead(a);\nconst = SYNTAX_ERROR;\n';
    await writeTree(project, {
      'broken.js': broken,
      'good.js': 'client.getLead(a);\n',
    });
    const { code, stderr } = await run({ clientImport: 'marketo-rest' });

    expect(code).toBe(ExitCode.Error);
    expect(await readFile(path.join(project, 'broken.js'), 'utf8')).toBe(broken);
    expect(await readFile(path.join(project, 'good.js'), 'utf8')).toBe('client.getLeadById(a);\n');
    expect(stderr).toContain(
      'Files failed: 1\n    broken.js:2:1: parse failed: Unexpected token\n',
    );
  });

  it('reports output and transform errors with reasons', async () => {
    await writeTree(project, {
      'output.js': 'getLead(a); BAD_OUTPUT\n',
      'crash.js': 'getLead(a); CRASH\n',
    });
    const { code, stderr } = await run({ clientImport: 'marketo-rest' });

    expect(code).toBe(ExitCode.Error);
    expect(stderr).toContain(
      'output.js: the migrated output does not parse, so it was not written: Unterminated string',
    );
    expect(stderr).toContain('crash.js: transform failed: transform crashed');
    const output = await readFile(path.join(project, 'output.js'), 'utf8');
    expect(output).toBe('getLead(a); BAD_OUTPUT\n');
  });

  it('fails a file that is not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('client.getLead("'),
      Buffer.from([0xe9]),
      Buffer.from('");\n'),
    ]);
    await writeTree(project, { 'latin1.js': bytes });
    const { code, stderr, calls } = await run({ clientImport: 'marketo-rest' });

    expect(code).toBe(ExitCode.Error);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('latin1.js: not valid UTF-8');
    expect(await readFile(path.join(project, 'latin1.js'))).toEqual(bytes);
  });

  it('rejects an unknown transform with the valid names', async () => {
    await writeTree(project, { 'a.js': '' });
    await expect(run({ transform: ['getLead,getLeads'] })).rejects.toThrow(
      new UsageError('Unknown transform "getLeads". Valid names: client, getLead, syncLead.'),
    );
  });

  it('rejects an invalid config file', async () => {
    await writeTree(project, {
      'a.js': '',
      'bad.json': '{ "workspacePartitions": { "Default": 3 } }',
    });
    await expect(run({ config: 'bad.json' })).rejects.toThrow(
      /Invalid config file .*bad\.json: "workspacePartitions\.Default" must be a non-empty string, got a number\./,
    );
  });

  it('rejects a missing path', async () => {
    await writeTree(project, { 'a.js': '' });
    await expect(run({ paths: ['missing'] })).rejects.toThrow(
      new UsageError('Path not found: missing'),
    );
  });
});

describe('runCommand summary', () => {
  beforeEach(async () => {
    await writeTree(project, {
      'package.json': '{}',
      'a.js': 'client.getLead(x); // MARK_ME\nclient.getLead(y);\n',
      'b.js': '// MARKETO-MIGRATE: Earlier\nrest.getLeadById(z);\n// IGNORE_ME\n',
      'c.js': 'client[op](args); // UNSAFE\n',
      'd.js': 'const key = "SECRET_HERE";\n',
      'e.js': 'nothing to see\n',
      'server.ssjs': 'var r = mktows.call();\n',
      'other.ssjs': 'var r = 1;\n',
    });
  });

  it('counts every kind of outcome', async () => {
    const { code, stdout, stderr } = await run();

    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'Migration summary:',
        '  Files scanned: 7',
        '  Files changed: 1',
        '  Call sites converted: 2',
        '  Call sites marked for a person: 2 (1 from an earlier run)',
        '    a.js:1: Check the lead fields',
        '    b.js:1: Earlier marker',
        '  Calls ignored: 1',
        '    b.js:3: marketo-migrate-ignore comment',
        '  Files skipped for safety: 1',
        '    c.js:1: computed operation name',
        '  Files failed: 0',
        '  Files that need a person because they run outside Node: 1',
        '    server.ssjs: calls mktows but runs outside Node, so the REST client cannot be imported there',
        '  Hard-coded SOAP credentials found (values not shown): 1',
        '    d.js:1: hard-coded encryption key',
        '  REST client: vendored to marketo-rest-client (CommonJS build, 5 files written)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing with --silent when nothing failed', async () => {
    const { code, stdout, stderr } = await run({ silent: true });
    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });

  it('still prints errors with --silent', async () => {
    await writeTree(project, { 'f.js': 'getLead(); SYNTAX_ERROR\n' });
    const { code, stderr } = await run({ silent: true });
    expect(code).toBe(ExitCode.Error);
    expect(stderr).toBe('Error: f.js:1:1: parse failed: Unexpected token\n');
  });

  it('prints the patch alone on stdout with --dry', async () => {
    const before = await readTree(project);
    const { code, stdout, stderr } = await run({ dry: true });

    expect(code).toBe(ExitCode.Ok);
    expect(await readTree(project)).toEqual(before);
    expect(stdout.startsWith('diff --git a/')).toBe(true);
    expect(stdout).not.toContain('Migration summary');
    expect(stderr).toContain('Migration summary (dry run, nothing was written):\n');
    expect(stderr).toContain('  Files to change: 1\n');
    expect(stderr).toContain(
      'to be vendored to marketo-rest-client (CommonJS build, 5 files in the patch)',
    );
  });
});

describe('runCommand vendoring', () => {
  it('vendors the CommonJS build without "type": "module"', async () => {
    await writeTree(project, { 'package.json': '{ "name": "legacy" }', 'a.js': 'getLead(a);\n' });
    await run();

    const vendored = await readTree(path.join(project, 'marketo-rest-client'));
    expect([...vendored.keys()]).toEqual([
      'client.d.ts',
      'client.js',
      'index.d.ts',
      'index.js',
      'package.json',
    ]);
    const header =
      '// Generated by marketo-soap-to-rest 0.1.0. Do not edit: running the codemod again replaces this file.\n';
    expect(vendored.get('index.js')?.toString()).toBe(
      `${header}'use strict';\nexports.MarketoClient = require('./client.js').MarketoClient;\n`,
    );
    expect(vendored.get('index.d.ts')?.toString()).toBe(
      `${header}export { MarketoClient } from './client.js';\n`,
    );
    expect(vendored.get('package.json')?.toString()).toBe('{\n  "type": "commonjs"\n}\n');
  });

  it('vendors the ES module build with "type": "module"', async () => {
    await writeTree(project, {
      'package.json': '{ "type": "module" }',
      'src/a.js': 'getLead(a);\n',
    });
    await run({ paths: ['src'] });

    const index = await readFile(path.join(project, 'marketo-rest-client/index.js'), 'utf8');
    expect(index).toContain("export { MarketoClient } from './client.js';");
    const manifest = await readFile(path.join(project, 'marketo-rest-client/package.json'), 'utf8');
    expect(JSON.parse(manifest)).toEqual({ type: 'module' });
  });

  it('vendors into the first path without a package.json', async () => {
    await writeTree(project, { 'src/a.js': 'getLead(a);\n' });
    const { calls } = await run({ paths: ['src'] });
    expect(calls[0]?.clientImport).toBe('./marketo-rest-client/index.js');
    const entry = await stat(path.join(project, 'src/marketo-rest-client/index.js'));
    expect(entry.isFile()).toBe(true);
  });

  it('vendors into --client-path', async () => {
    await writeTree(project, { 'package.json': '{}', 'src/a.js': 'getLead(a);\n' });
    const { calls, stderr } = await run({ clientPath: 'lib/marketo' });
    expect(calls[0]?.clientImport).toBe('../lib/marketo/index.js');
    expect((await stat(path.join(project, 'lib/marketo/client.js'))).isFile()).toBe(true);
    expect(stderr).toContain(`vendored to ${path.join('lib', 'marketo')} (CommonJS build`);
  });

  it('vendors nothing with --client-import', async () => {
    await writeTree(project, { 'package.json': '{}', 'a.js': 'getLead(a);\n' });
    const { calls, stderr } = await run({ clientImport: '@acme/marketo-rest' });
    expect(calls[0]?.clientImport).toBe('@acme/marketo-rest');
    expect([...(await readTree(project)).keys()]).toEqual(['a.js', 'package.json']);
    expect(stderr).toContain(
      'REST client: rewritten files import @acme/marketo-rest; nothing was vendored',
    );
  });

  it('changes nothing on a second run', async () => {
    await writeTree(project, { 'package.json': '{}', 'a.js': 'getLead(a);\n' });
    await run();
    const afterFirst = await readTree(project);
    const second = await run({ dry: true });

    expect(second.code).toBe(ExitCode.Ok);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('  Files to change: 0\n');
    expect(second.stderr).toContain(
      'REST client: up to date in marketo-rest-client (CommonJS build)',
    );
    await run();
    expect(await readTree(project)).toEqual(afterFirst);
  });

  it('replaces an older version and deletes its stale files', async () => {
    await writeTree(project, { 'package.json': '{}', 'a.js': 'getLead(a);\n' });
    build = await writeFakeBuild(path.join(workspace, 'old-build'), '0.0.9');
    await writeTree(build.cjsClientDirectory, { 'legacy.js': "'use strict';\n" });
    await run();
    const legacy = await readFile(path.join(project, 'marketo-rest-client/legacy.js'), 'utf8');
    expect(legacy).toContain('0.0.9');

    build = await writeFakeBuild(path.join(workspace, 'new-build'), '0.2.0');
    const { code } = await run();
    expect(code).toBe(ExitCode.Ok);
    const vendored = await readTree(path.join(project, 'marketo-rest-client'));
    expect(vendored.has('legacy.js')).toBe(false);
    expect(vendored.get('index.js')?.toString()).toMatch(
      /^\/\/ Generated by marketo-soap-to-rest 0\.2\.0\./,
    );
  });

  it('does not overwrite a file it did not write', async () => {
    await writeTree(project, {
      'package.json': '{}',
      'a.js': 'getLead(a);\n',
      'b.js': 'MARK_ME\n',
      'marketo-rest-client/index.js': 'module.exports = require("./mine");\n',
    });
    const { code, stderr } = await run();

    expect(code).toBe(ExitCode.Error);
    expect(await readFile(path.join(project, 'marketo-rest-client/index.js'), 'utf8')).toBe(
      'module.exports = require("./mine");\n',
    );
    expect(await readFile(path.join(project, 'a.js'), 'utf8')).toBe('getLead(a);\n');
    expect(stderr).toContain(
      'a.js: not written, because it would import the REST client, which could not be vendored',
    );
    expect(stderr).toMatch(
      /Error: the REST client was not vendored: .*was not written by marketo-soap-to-rest/,
    );
  });

  it('skips vendored files found elsewhere by their header', async () => {
    await writeTree(project, {
      'package.json': '{}',
      'old-place/index.js':
        '// Generated by marketo-soap-to-rest 0.0.1. Do not edit: running the codemod again replaces this file.\ngetLead(x);\n',
    });
    const { calls, stderr } = await run({ clientImport: 'pkg' });
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('Files scanned: 0\n');
  });
});

describe('runCommand paths not scanned', () => {
  it('lists an ignored path with its reason', async () => {
    await writeTree(project, { 'node_modules/soap/index.js': 'getLead(a);\n', 'a.txt': '' });
    initRepository(project);
    const { code, stderr, calls } = await run({ paths: ['node_modules/soap', 'a.txt'] });

    expect(code).toBe(ExitCode.Ok);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain(
      [
        '  Paths not scanned: 2',
        `    ${path.join('node_modules', 'soap')}: ignored by .gitignore, node_modules or .git`,
        '    a.txt: not a JavaScript or TypeScript file by its extension',
      ].join('\n'),
    );
  });
});
