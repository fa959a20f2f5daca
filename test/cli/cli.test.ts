import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transformInfos } from '../../transforms/index.js';
import { ExitCode, exitCodeTable, type ExitCodeValue } from '../../src/runner/exit-codes.js';
import { makeTempDir, removeDir, writeTree } from '../runner/helpers.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repositoryRoot, 'dist/src/cli.js');

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: readonly string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let workspace = '';

beforeAll(async () => {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing. Run \`npm run build\` before these tests.`);
  }
  workspace = await makeTempDir('mstr-cli-');
  await writeTree(workspace, {
    'clean/package.json': '{ "name": "clean" }\n',
    'clean/src/app.js': 'export const answer = 42;\n',
    'latin1/legacy.js': Buffer.concat([
      Buffer.from('// mktows client, caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nclient.getLead({ leadKey: key }, done);\n'),
    ]),
    'broken/leads.js': [
      "const soap = require('soap');",
      'soap.createClient(url, (err, client) => {',
      "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (e, r) => {",
      '',
    ].join('\n'),
    'pending/leads.js': [
      "const soap = require('soap');",
      'soap.createClient(url, (err, client) => {',
      "  client.getLead({ leadKey: { keyType: 'IDNUM', keyValue: 1 } }, (e, r) => done(r));",
      '});',
      '',
    ].join('\n'),
    'config/invalid.json': '{ "workspacePartitions": ["Default"] }\n',
    'config/not-json.json': '{ workspacePartitions: }\n',
  });
});

afterAll(async () => {
  if (workspace !== '') {
    await removeDir(workspace);
  }
});

interface ExitCase {
  name: string;
  args: string[];
  directory: string;
  code: ExitCodeValue;
  stderr?: RegExp;
}

const exitCases: ExitCase[] = [
  { name: 'run with nothing to change', args: ['run'], directory: 'clean', code: ExitCode.Ok },
  {
    name: 'run --dry on a clean tree',
    args: ['run', '--dry', '.'],
    directory: 'clean',
    code: ExitCode.Ok,
  },
  { name: 'list', args: ['list'], directory: 'clean', code: ExitCode.Ok },
  { name: 'list --json', args: ['list', '--json'], directory: 'clean', code: ExitCode.Ok },
  { name: '--help', args: ['--help'], directory: 'clean', code: ExitCode.Ok },
  { name: '--version', args: ['--version'], directory: 'clean', code: ExitCode.Ok },
  {
    name: 'no command',
    args: [],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Missing command/,
  },
  {
    name: 'unknown command',
    args: ['migrate'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Unknown argument: migrate/,
  },
  {
    name: 'unknown option',
    args: ['run', '--dry-run'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Unknown argument/,
  },
  {
    name: 'list with an extra argument',
    args: ['list', 'extra'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Unknown argument: extra/,
  },
  {
    name: 'unknown transform',
    args: ['run', '--transform', 'getLeads'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Unknown transform "getLeads"\. Valid names: /,
  },
  {
    name: 'option without its value',
    args: ['run', '--config'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Not enough arguments following: config/,
  },
  {
    name: 'conflicting client options',
    args: ['run', '--client-path', 'vendor', '--client-import', 'marketo-rest'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /client-path and client-import are mutually exclusive/,
  },
  {
    name: 'invalid config file',
    args: ['run', '--config', '../config/invalid.json'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Invalid config file .*invalid\.json: "workspacePartitions" must be an object/,
  },
  {
    name: 'config file that is not JSON',
    args: ['run', '--config', '../config/not-json.json'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Invalid config file .*not-json\.json: not valid JSON/,
  },
  {
    name: 'missing config file',
    args: ['run', '--config', 'nowhere.json'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Cannot read config file .*nowhere\.json/,
  },
  {
    name: 'missing path',
    args: ['run', 'no-such-dir'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Path not found: no-such-dir/,
  },
  {
    name: 'file that is not UTF-8',
    args: ['run', '.'],
    directory: 'latin1',
    code: ExitCode.Error,
    stderr: /legacy\.js: not valid UTF-8/,
  },
  {
    name: 'run --check with a call site to convert',
    args: ['run', '--check'],
    directory: 'pending',
    code: ExitCode.WorkRemaining,
  },
  {
    name: 'run --check on a clean tree',
    args: ['run', '--check'],
    directory: 'clean',
    code: ExitCode.Ok,
  },
  {
    name: 'run --check on a file that does not parse',
    args: ['run', '--check'],
    directory: 'broken',
    code: ExitCode.Error,
  },
  {
    name: '--dry together with --check',
    args: ['run', '--dry', '--check'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /--dry and --check cannot be combined/,
  },
  {
    name: 'invalid --format value',
    args: ['run', '--format', 'json'],
    directory: 'clean',
    code: ExitCode.Error,
    stderr: /Invalid values:\n {2}Argument: format/,
  },
  {
    name: 'file that does not parse',
    args: ['run', '.'],
    directory: 'broken',
    code: ExitCode.Error,
    stderr: /Files failed: 1\n {4}leads\.js/,
  },
];

describe('exit codes', () => {
  for (const { name, args, directory, code, stderr } of exitCases) {
    it(`${name} exits ${code}`, () => {
      const result = runCli(args, path.join(workspace, directory));
      expect(result.status, result.stderr).toBe(code);
      if (stderr !== undefined) {
        expect(result.stderr).toMatch(stderr);
      }
    });
  }

  it('covers every code of the table', () => {
    const tested = new Set(exitCases.map((entry) => entry.code));
    expect([...tested].sort()).toEqual(exitCodeTable.map((row) => row.code).sort());
  });

  it('prints the table in the help', () => {
    const { stdout } = runCli(['--help'], workspace);
    for (const row of exitCodeTable) {
      expect(stdout).toContain(`  ${row.code}  `);
    }
  });
});

describe('start-up failure', () => {
  it('exits 2 when a module fails to load', async () => {
    const copy = path.join(workspace, 'broken-install');
    await writeTree(copy, {
      'package.json': '{ "type": "module" }\n',
      'dist/src/runner/command-line.js': 'return false;\n',
    });
    await cp(cliPath, path.join(copy, 'dist/src/cli.js'));
    await cp(
      path.join(repositoryRoot, 'dist/src/runner/exit-codes.js'),
      path.join(copy, 'dist/src/runner/exit-codes.js'),
    );

    const result = spawnSync(process.execPath, [path.join(copy, 'dist/src/cli.js'), 'list'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(ExitCode.Error);
    expect(result.stderr).toContain('Error: marketo-soap-to-rest failed to start: ');
  });
});

describe('run output', () => {
  it('prints the summary on stderr only', () => {
    const result = runCli(['run'], path.join(workspace, 'clean'));
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Migration summary:\n  Files scanned: 1\n');
  });

  it('drops the summary with --silent', () => {
    const result = runCli(['run', '--silent'], path.join(workspace, 'clean'));
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stderr).toBe('');
  });

  it('keeps errors with --silent', () => {
    const result = runCli(['run', '--silent'], path.join(workspace, 'latin1'));
    expect(result.status).toBe(ExitCode.Error);
    expect(result.stderr).toMatch(/^Error: legacy\.js: not valid UTF-8/);
    expect(result.stderr).not.toContain('Migration summary');
  });

  it('lists the valid names for an unknown transform', () => {
    const { stderr } = runCli(['run', '--transform', 'getLead,nope'], workspace);
    const names = transformInfos.map((info) => info.name).join(', ');
    expect(stderr).toContain(`Unknown transform "nope". Valid names: ${names}.`);
  });
});

describe('list', () => {
  it('prints each transform with its operation and endpoints', () => {
    const { status, stdout } = runCli(['list'], workspace);
    expect(status).toBe(ExitCode.Ok);
    for (const info of transformInfos) {
      expect(stdout).toMatch(new RegExp(`^${info.name} `, 'm'));
      if (info.soapOperation !== null) {
        expect(stdout).toContain(`SOAP operation ${info.soapOperation}`);
      }
      for (const endpoint of info.restEndpoints) {
        expect(stdout).toContain(`REST ${endpoint}`);
      }
    }
  });

  it('prints the registry as JSON', () => {
    const { status, stdout } = runCli(['list', '--json'], workspace);
    expect(status).toBe(ExitCode.Ok);
    expect(JSON.parse(stdout)).toEqual(
      transformInfos.map(({ name, soapOperation, restEndpoints, summary }) => ({
        name,
        soapOperation,
        restEndpoints,
        summary,
      })),
    );
  });

  it('includes client, getLead and syncLead', () => {
    const entries = JSON.parse(runCli(['list', '--json'], workspace).stdout) as { name: string }[];
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['client', 'getLead', 'syncLead']));
  });
});
