import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import { main } from '../../src/runner/command-line.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { buildFieldMap } from '../../src/runner/field-map.js';
import { startFakeMarketo, type FakeMarketoServer } from '../fake-marketo/server.js';
import {
  captureIO,
  fakeDependencies,
  makeTempDir,
  removeDir,
  writeFakeBuild,
  writeTree,
} from '../runner/helpers.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repositoryRoot, 'dist/src/cli.js');

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: 'Client.' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: 'Lead.' },
];

/** The SOAP-to-REST names of the fake instance's fields that both APIs have. */
const EXPECTED_MAP = {
  Company: 'company',
  Customer_Tier__c: 'customerTier',
  DateofBirth: 'dateOfBirth',
  Email: 'email',
  FirstName: 'firstName',
  Id: 'id',
  LastName: 'lastName',
  LeadScore: 'leadScore',
  LegacyCrmId__c: 'legacyCrmId',
  Phone: 'phone',
  Region__c: 'region',
  Unsubscribed: 'unsubscribed',
};

let server: FakeMarketoServer;
let workspace: string;

beforeAll(async () => {
  server = await startFakeMarketo();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  workspace = await makeTempDir('mstr-fields-');
});

afterEach(async () => {
  await removeDir(workspace);
});

/** Only the variables of the fake instance, so no other Marketo setting leaks in. */
function marketoEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MARKETO_BASE_URL: server.url,
    MARKETO_CLIENT_ID: 'test-client-id',
    MARKETO_CLIENT_SECRET: 'test-client-secret',
    ...overrides,
  };
}

async function pull(args: string[], env: Record<string, string | undefined>) {
  const io = { ...captureIO(workspace), env };
  const code = await main(['fields', 'pull', ...args], io, { registry });
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('fields pull', () => {
  it('writes the SOAP-to-REST map from Describe Lead', async () => {
    const { code, stderr } = await pull([], marketoEnv());

    expect(code).toBe(ExitCode.Ok);
    const written = await readFile(path.join(workspace, 'marketo-field-map.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(EXPECTED_MAP);
    expect(Object.keys(JSON.parse(written) as object)).toEqual(Object.keys(EXPECTED_MAP));
    expect(stderr).toContain(
      'Wrote 12 lead field names (SOAP name to REST name) to marketo-field-map.json.\n',
    );
    expect(stderr).toContain('1 field has a SOAP name but no REST name');
    expect(stderr).toContain(': SoapScore__c\n');
    expect(server.requests.some((request) => request.operation === 'describeLead')).toBe(true);
  });

  it('writes to --output', async () => {
    const { code } = await pull(['--output', 'config/fields.json'], marketoEnv());

    expect(code).toBe(ExitCode.Ok);
    const written = await readFile(path.join(workspace, 'config/fields.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(EXPECTED_MAP);
  });

  it('exits 2 naming the missing variables', async () => {
    const { code, stderr } = await pull([], { MARKETO_BASE_URL: server.url });

    expect(code).toBe(ExitCode.Error);
    expect(stderr).toContain('MARKETO_CLIENT_ID, MARKETO_CLIENT_SECRET');
    expect(existsSync(path.join(workspace, 'marketo-field-map.json'))).toBe(false);
  });

  it('exits 2 on rejected credentials and writes nothing', async () => {
    const { code, stderr } = await pull([], marketoEnv({ MARKETO_CLIENT_SECRET: 'wrong' }));

    expect(code).toBe(ExitCode.Error);
    expect(stderr).toMatch(/^Error: /);
    expect(existsSync(path.join(workspace, 'marketo-field-map.json'))).toBe(false);
  });

  it('rejects an unknown action', async () => {
    const io = { ...captureIO(workspace), env: marketoEnv() };
    const code = await main(['fields', 'push'], io, { registry });

    expect(code).toBe(ExitCode.Error);
    expect(io.err()).toContain('Invalid values');
  });

  it('reads the MARKETO_ variables of the process in the built CLI', async () => {
    if (!existsSync(cliPath)) {
      throw new Error(`${cliPath} is missing. Run \`npm run build\` before these tests.`);
    }
    // The server runs in this process, so the child must not block it: spawn, not spawnSync.
    const child = spawn(process.execPath, [cliPath, 'fields', 'pull', '-o', 'map.json'], {
      cwd: workspace,
      env: { PATH: process.env['PATH'] ?? '', ...marketoEnv() },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(status, stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(await readFile(path.join(workspace, 'map.json'), 'utf8'))).toEqual(
      EXPECTED_MAP,
    );
  });
});

describe('buildFieldMap', () => {
  it('skips fields of one API only', () => {
    const { map, soapOnly } = buildFieldMap([
      { id: 1, displayName: 'A', dataType: 'string', rest: { name: 'a', readOnly: false } },
      { id: 2, displayName: 'B', dataType: 'string', soap: { name: 'B__c', readOnly: false } },
      {
        id: 3,
        displayName: 'C',
        dataType: 'string',
        rest: { name: 'c', readOnly: false },
        soap: { name: 'C__c', readOnly: false },
      },
    ]);

    expect(map).toEqual({ C__c: 'c' });
    expect(soapOnly).toEqual(['B__c']);
  });
});

describe('run --field-map', () => {
  it('passes the map to the core with every file', async () => {
    const build = await writeFakeBuild(path.join(workspace, 'build'));
    const project = path.join(workspace, 'project');
    await writeTree(project, {
      'fields.json': '{ "Customer_Tier__c": "customerTier" }\n',
      'src/a.js': 'client.getLead(1);\n',
    });
    const dependencies = fakeDependencies(build);
    const io = captureIO(project);
    const code = await main(['run', '--dry', '--field-map', 'fields.json'], io, {
      registry,
      dependencies,
    });

    expect(code).toBe(ExitCode.Ok);
    expect(dependencies.calls).toHaveLength(1);
    expect(dependencies.calls[0]).toMatchObject({ fieldMap: { Customer_Tier__c: 'customerTier' } });
  });

  it('passes no map without the option', async () => {
    const build = await writeFakeBuild(path.join(workspace, 'build'));
    const project = path.join(workspace, 'project');
    await writeTree(project, { 'src/a.js': 'client.getLead(1);\n' });
    const dependencies = fakeDependencies(build);
    await main(['run', '--dry'], captureIO(project), { registry, dependencies });

    expect(dependencies.calls[0]).not.toHaveProperty('fieldMap');
  });

  const invalidFiles: [string, string, RegExp][] = [
    ['not JSON', '{ nope', /Invalid field map file .*: not valid JSON/],
    ['an array', '["Email"]', /expected a JSON object of SOAP field names to REST field names/],
    ['an empty REST name', '{ "Email": "" }', /the entry "Email" must map a non-empty SOAP/],
    ['a number', '{ "Email": 3 }', /got 3\./],
  ];
  for (const [name, content, message] of invalidFiles) {
    it(`rejects a field map that is ${name}`, async () => {
      await writeTree(workspace, { 'fields.json': content });
      const io = captureIO(workspace);
      const code = await main(['run', '--dry', '--field-map', 'fields.json'], io, { registry });

      expect(code).toBe(ExitCode.Error);
      expect(io.err()).toMatch(message);
    });
  }

  it('rejects a missing field map file', async () => {
    const io = captureIO(workspace);
    const code = await main(['run', '--field-map', 'none.json'], io, { registry });

    expect(code).toBe(ExitCode.Error);
    expect(io.err()).toContain('Cannot read field map file');
  });
});
