import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { escapeData, escapeProperty } from '../../src/runner/annotations.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import type { JsonReport } from '../../src/runner/report.js';
import { MARKDOWN_REPORT_TAG, code, escapeText } from '../../src/runner/report-markdown.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import {
  captureIO,
  fakeDependencies,
  makeTempDir,
  removeDir,
  writeFakeBuild,
  writeTree,
  type FakeBuild,
} from './helpers.js';
import { validateJson } from './json-schema.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: 'Client.' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: 'Lead.' },
];

/** A tree with one file of every outcome the reports describe. */
const MIXED_TREE: Record<string, string> = {
  'package.json': '{ "name": "app", "dependencies": { "soap": "^0.19.0" } }\n',
  'src/changed.js': "const soap = require('soap');\nclient.getLead(1);\n// MARK_ME\n",
  'src/ignored.js': '// IGNORE_ME\n',
  'src/unsafe.js': '// UNSAFE\n',
  'src/broken.js': 'x\nSYNTAX_ERROR\n',
  'src/secret.js': '// SECRET_HERE\n',
  'src/earlier.js': '// MARKETO-MIGRATE: Earlier marker\n',
  'scripts/lookup.sjs': 'var ws = "mktows";\n',
};

async function readSchema(): Promise<Record<string, unknown>> {
  const doc = await readFile(path.join(repositoryRoot, 'docs/report-schema.md'), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  if (block === undefined) {
    throw new Error('docs/report-schema.md has no ```json block with the schema');
  }
  return JSON.parse(block) as Record<string, unknown>;
}

let workspace: string;
let project: string;
let build: FakeBuild;

beforeEach(async () => {
  workspace = await makeTempDir('mstr-report-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
  await writeTree(project, MIXED_TREE);
});

afterEach(async () => {
  await removeDir(workspace);
});

async function run(args: Partial<RunArguments> = {}) {
  const io = captureIO(project);
  const code = await runCommand(
    {
      paths: ['.'],
      dry: false,
      silent: false,
      report: '../report.json',
      reportMd: '../report.md',
      ...args,
    },
    io,
    registry,
    fakeDependencies(build),
  );
  const report = JSON.parse(
    await readFile(path.join(workspace, 'report.json'), 'utf8'),
  ) as JsonReport;
  const markdown = await readFile(path.join(workspace, 'report.md'), 'utf8');
  return { code, stdout: io.out(), stderr: io.err(), report, markdown };
}

describe('JSON report', () => {
  for (const mode of ['check', 'dry', 'write'] as const) {
    it(`matches the documented schema in ${mode} mode`, async () => {
      const schema = await readSchema();
      const { report } = await run({ check: mode === 'check', dry: mode === 'dry' });

      expect(report.mode).toBe(mode);
      expect(validateJson(report, schema)).toEqual([]);
    });
  }

  it('fails the schema when a field is wrong', async () => {
    const schema = await readSchema();
    const { report } = await run({ check: true });
    const broken = {
      ...report,
      exitCode: 3,
      extra: true,
      totals: { ...report.totals, failed: -1 },
    };

    const problems = validateJson(broken, schema);
    expect(problems).toContain('$: unexpected property "extra"');
    expect(problems).toContain('$.exitCode: 3 is not one of [0,1,2]');
    expect(problems).toContain('$.totals.failed: -1 is below the minimum 0');
  });

  it('records the outcome of every file', async () => {
    const { code, report } = await run({ check: true });

    expect(code).toBe(ExitCode.Error);
    expect(report.exitCode).toBe(ExitCode.Error);
    expect(report.workRemaining).toBe(true);
    const byPath = new Map(report.files.map((file) => [file.path, file]));
    expect(byPath.get('src/changed.js')?.status).toBe('changed');
    expect(byPath.get('src/changed.js')?.converted).toBe(1);
    expect(byPath.get('src/changed.js')?.markers).toEqual([
      {
        line: 3,
        column: 1,
        transform: 'getLead',
        message: 'Check the lead fields',
        existing: false,
      },
    ]);
    expect(byPath.get('src/ignored.js')?.ignored).toHaveLength(1);
    expect(byPath.get('src/unsafe.js')?.skipped?.reason).toBe('computed operation name');
    expect(byPath.get('src/broken.js')?.failure).toEqual({
      reason: 'parse failed: Unexpected token',
      line: 2,
      column: 1,
    });
    expect(byPath.get('src/secret.js')?.secrets[0]?.reason).toBe('hard-coded encryption key');
    expect(byPath.get('src/earlier.js')?.markers[0]?.existing).toBe(true);
    expect(byPath.get('scripts/lookup.sjs')?.status).toBe('outside-node');
  });

  it('sums the totals and the transforms', async () => {
    const { report } = await run({ check: true });

    expect(report.totals).toMatchObject({
      filesChanged: 1,
      callSitesConverted: 1,
      markers: 2,
      newMarkers: 1,
      ignored: 1,
      skipped: 1,
      failed: 1,
      outsideNode: 1,
      secrets: 1,
    });
    expect(report.transforms).toEqual([
      { name: 'client', converted: 0, markers: 0, ignored: 0, skipped: 0 },
      { name: 'getLead', converted: 1, markers: 2, ignored: 1, skipped: 1 },
    ]);
  });

  it('gives conversions per transform when the core reports them', async () => {
    const dependencies = fakeDependencies(build);
    const migrate = dependencies.migrate;
    dependencies.migrate = (source, options) => {
      const result = migrate(source, options);
      const breakdown = { convertedByTransform: { getLead: result.report.converted } };
      return { ...result, report: { ...result.report, ...breakdown } };
    };
    await runCommand(
      { paths: ['.'], dry: true, silent: true, report: '../report.json' },
      captureIO(project),
      registry,
      dependencies,
    );
    const report = JSON.parse(
      await readFile(path.join(workspace, 'report.json'), 'utf8'),
    ) as JsonReport;

    expect(report.transforms.find((entry) => entry.name === 'getLead')?.converted).toBe(1);
    expect(report.transforms.find((entry) => entry.name === 'client')?.converted).toBe(0);
  });

  it('keeps the SOAP dependency while a file imports it', async () => {
    const { report } = await run({ check: true });

    expect(report.dependencies).toEqual([
      {
        manifest: 'package.json',
        packages: ['soap'],
        status: 'still-imported',
        importedBy: ['src/changed.js'],
        removeCommand: 'npm uninstall soap',
        refreshCommand: 'npm install',
        lockFile: null,
      },
    ]);
  });

  it('exits 2 when the report cannot be written', async () => {
    await writeTree(workspace, { blocker: 'not a directory\n' });
    const io = captureIO(project);
    const code = await runCommand(
      { paths: ['.'], dry: true, silent: false, report: '../blocker/report.json' },
      io,
      registry,
      fakeDependencies(build),
    );

    expect(code).toBe(ExitCode.Error);
    expect(io.err()).toMatch(/Error: Cannot write the report file \.\.\/blocker\/report\.json: /);
  });
});

describe('Markdown report', () => {
  it('starts with the tag and the status', async () => {
    const { markdown } = await run({ check: true });

    expect(markdown.startsWith(`${MARKDOWN_REPORT_TAG}\n## Marketo SOAP to REST migration\n`)).toBe(
      true,
    );
    expect(markdown).toContain('**Errors occurred.**');
    expect(markdown).toContain('| Files to change | 1 |\n');
  });

  it('lists follow-ups as tasks with file and line', async () => {
    const { markdown } = await run({ check: true });

    expect(markdown).toContain(
      '### Follow-ups for a person\n\n' +
        '- [ ] `src/changed.js:3` `getLead`: Check the lead fields\n' +
        '- [ ] `src/earlier.js:1` `getLead` (from an earlier run): Earlier marker\n',
    );
  });

  it('lists skips, failures and dependencies', async () => {
    const { markdown } = await run({ check: true });

    expect(markdown).toContain(
      '### Files skipped for safety\n\n- `src/unsafe.js:1`: computed operation name\n',
    );
    expect(markdown).toContain(
      '### Failures\n\n- `src/broken.js:2`: parse failed: Unexpected token\n',
    );
    expect(markdown).toContain('`package.json` still needs `soap`: imported by `src/changed.js`.');
    expect(markdown).toContain('| `getLead` | 1 | 2 | 1 | 1 |\n');
  });

  it('says when the tree is fully migrated', async () => {
    await removeDir(project);
    await writeTree(project, { 'src/app.js': 'export const x = 1;\n' });
    const { code, markdown } = await run({ check: true });

    expect(code).toBe(ExitCode.Ok);
    expect(markdown).toContain('**Fully migrated.**');
    expect(markdown).not.toContain('### Follow-ups');
  });

  it('escapes markup and mentions in messages', () => {
    expect(escapeText('ping @team <b>x</b> *y*')).toBe('ping \\@team \\<b\\>x\\</b\\> \\*y\\*');
    expect(escapeText('two\nlines')).toBe('two lines');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`edge')).toBe('`` `edge ``');
  });
});

describe('GitHub annotations', () => {
  it('prints follow-ups, skips and failures as workflow commands', async () => {
    const { stdout } = await run({ check: true, format: 'github' });
    const lines = stdout.trimEnd().split('\n');

    expect(lines).toContain(
      '::error file=src/broken.js,line=2,col=1,title=Marketo migration failed::' +
        'parse failed: Unexpected token',
    );
    expect(lines).toContain(
      '::warning file=src/changed.js,line=3,col=1,title=Marketo migration follow-up (getLead)::' +
        'Check the lead fields',
    );
    expect(lines).toContain(
      '::warning file=src/unsafe.js,line=1,col=1,title=File skipped for safety::' +
        'computed operation name',
    );
    expect(lines).toContain(
      '::warning file=src/changed.js,title=Marketo migration pending::The migration would ' +
        'convert 1 call site here. Run marketo-soap-to-rest run to write the changes.',
    );
    expect(lines).toContain(
      '::warning file=scripts/lookup.sjs,title=SOAP calls outside Node::This file calls mktows ' +
        'but runs outside Node, so a person must migrate it.',
    );
    expect(lines.every((line) => line.startsWith('::'))).toBe(true);
  });

  it('escapes data and property values', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});
