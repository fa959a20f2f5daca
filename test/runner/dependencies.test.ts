import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TransformInfo } from '../../src/core/registry-types.js';
import {
  findSoapPackageImports,
  packageNameOf,
  removePackages,
} from '../../src/runner/dependencies.js';
import { ExitCode } from '../../src/runner/exit-codes.js';
import { runCommand, type RunArguments } from '../../src/runner/run-command.js';
import type { RunDependencies } from '../../src/runner/run.js';
import {
  captureIO,
  fakeDependencies,
  fakeMigrate,
  makeTempDir,
  removeDir,
  writeFakeBuild,
  writeTree,
  type FakeBuild,
} from './helpers.js';

const registry: TransformInfo[] = [
  { name: 'client', soapOperation: null, restEndpoints: [], summary: 'Client.' },
  { name: 'getLead', soapOperation: 'getLead', restEndpoints: [], summary: 'Lead.' },
];

const MANIFEST =
  '{\n    "name": "app",\n    "dependencies": {\n        "express": "^4.16.4",\n' +
  '        "soap": "^0.19.0"\n    },\n    "devDependencies": {\n' +
  '        "strong-soap": "^3.0.0"\n    }\n}\n';

let workspace: string;
let project: string;
let build: FakeBuild;

beforeEach(async () => {
  workspace = await makeTempDir('mstr-deps-');
  project = path.join(workspace, 'project');
  build = await writeFakeBuild(path.join(workspace, 'build'));
});

afterEach(async () => {
  await removeDir(workspace);
});

/** Returns fake dependencies whose migrate also replaces `require('soap')`, as the core does. */
function migratingDependencies(): RunDependencies {
  const dependencies = fakeDependencies(build);
  return {
    ...dependencies,
    mightContainSoap: (source) => /soap|getLead/.test(source),
    migrate: (source, options) => {
      const result = fakeMigrate(source, options);
      const output = result.output.replace(/require\('(soap|strong-soap)'\)/g, "require('rest')");
      return { ...result, output, changed: output !== source };
    },
  };
}

async function run(args: Partial<RunArguments> = {}, cwd = project) {
  const io = captureIO(cwd);
  const code = await runCommand(
    { paths: ['.'], dry: false, silent: false, ...args },
    io,
    registry,
    migratingDependencies(),
  );
  return { code, stdout: io.out(), stderr: io.err() };
}

async function manifest(): Promise<string> {
  return readFile(path.join(project, 'package.json'), 'utf8');
}

describe('findSoapPackageImports', () => {
  const cases: [string, string[]][] = [
    ["const soap = require('soap');", ['soap']],
    ['import soap from "strong-soap";', ['strong-soap']],
    ["import 'node-marketo-soap';", ['node-marketo-soap']],
    ["const s = await import('soap/lib/client');", ['soap']],
    ["import soap = require('soap');", ['soap']],
    ["export * from 'soap';", ['soap']],
    ["require('soapy'); require('my-soap');", []],
    ["const text = 'soap';", []],
  ];
  for (const [source, expected] of cases) {
    it(`finds ${JSON.stringify(expected)} in ${source}`, () => {
      expect(findSoapPackageImports(source)).toEqual(expected);
    });
  }
});

describe('packageNameOf', () => {
  const cases: [string, string | null][] = [
    ['marketo-rest', 'marketo-rest'],
    ['marketo-rest/client', 'marketo-rest'],
    ['@acme/marketo', '@acme/marketo'],
    ['@acme/marketo/sub/path.js', '@acme/marketo'],
    ['./vendor/index.js', null],
    ['../client.js', null],
    ['/opt/client.js', null],
    ['node:http', null],
    ['@acme', null],
  ];
  for (const [specifier, expected] of cases) {
    it(`returns ${String(expected)} for ${specifier}`, () => {
      expect(packageNameOf(specifier)).toBe(expected);
    });
  }
});

describe('removePackages', () => {
  it('keeps indentation, line endings and other entries', () => {
    const text = MANIFEST.replace(/\n/g, '\r\n');
    const edited = removePackages(text, JSON.parse(text) as Record<string, unknown>, [
      'soap',
      'strong-soap',
    ]);

    expect(edited).toBe(
      '{\r\n    "name": "app",\r\n    "dependencies": {\r\n        "express": "^4.16.4"\r\n' +
        '    },\r\n    "devDependencies": {}\r\n}\r\n',
    );
  });
});

describe('SOAP dependency advice', () => {
  it('names the package.json and the command once nothing imports soap', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'package-lock.json': '{}\n',
      'src/leads.js': "const soap = require('soap');\nclient.getLead(1);\n",
    });
    const { code, stderr } = await run({ dry: true });

    expect(code).toBe(ExitCode.Ok);
    expect(stderr).toContain(
      '  SOAP dependencies: package.json can drop soap, strong-soap: once the patch is applied, ' +
        'no file imports them any more. Run `npm uninstall soap strong-soap` in ./, or pass ' +
        '--prune-dependencies.\n',
    );
    expect(await manifest()).toBe(MANIFEST);
  });

  it('lists the files that still import it', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'src/leads.js': "const soap = require('soap');\nclient.getLead(1);\n",
      'src/other.js': "const soap = require('node-marketo-soap' ) ; // soap\n",
      'src/keep.js': "import soap from 'soap';\n",
    });
    const { stderr } = await run({ dry: true });

    expect(stderr).toContain(
      '  SOAP dependencies: package.json still needs soap: imported by src/keep.js.\n',
    );
    expect(stderr).toContain(
      '  SOAP dependencies: package.json can drop strong-soap: once the patch is applied, no ' +
        'file imports it any more.',
    );
  });

  it('judges no package.json above the scanned paths', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'src/leads.js': "const soap = require('soap');\n",
    });
    const { stderr } = await run({ dry: true, paths: ['src'] });

    expect(stderr).not.toContain('SOAP dependencies');
  });

  it('uses the package manager of the lock file', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'yarn.lock': '',
      'src/leads.js': "const soap = require('soap');\n",
    });
    const { stderr } = await run({ dry: true });

    expect(stderr).toContain('Run `yarn remove soap strong-soap` in ./,');
  });
});

describe('--prune-dependencies', () => {
  it('removes the packages and asks for a lock file refresh', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'package-lock.json': '{}\n',
      'src/leads.js': "const soap = require('soap');\nclient.getLead(1);\n",
    });
    const { code, stderr } = await run({ pruneDependencies: true });

    expect(code).toBe(ExitCode.Ok);
    expect(JSON.parse(await manifest())).toEqual({
      name: 'app',
      dependencies: { express: '^4.16.4' },
      devDependencies: {},
    });
    expect(stderr).toContain(
      '  SOAP dependencies: soap, strong-soap removed from package.json. Refresh ' +
        'package-lock.json in ./ with `npm install`.\n',
    );
  });

  it('puts the edit in the dry-run patch', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'src/leads.js': "const soap = require('soap');\n",
    });
    const { stdout } = await run({ dry: true, pruneDependencies: true });

    expect(stdout).toContain('diff --git a/package.json b/package.json\n');
    expect(stdout).toContain('-        "soap": "^0.19.0"\n');
    expect(await manifest()).toBe(MANIFEST);
  });

  it('keeps a package that a file still imports', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'src/keep.js': "import soap from 'soap';\n",
    });
    const { code } = await run({ pruneDependencies: true });

    expect(code).toBe(ExitCode.Ok);
    expect(JSON.parse(await manifest())).toEqual({
      name: 'app',
      dependencies: { express: '^4.16.4', soap: '^0.19.0' },
      devDependencies: {},
    });
  });

  it('counts the pending edit as work for --check', async () => {
    await writeTree(project, {
      'package.json': MANIFEST,
      'src/app.js': 'export const x = 1;\n',
    });
    const { code, stdout } = await run({ check: true, pruneDependencies: true });

    expect(code).toBe(ExitCode.WorkRemaining);
    expect(stdout).toBe('package.json: soap, strong-soap to remove from the dependencies\n');
    expect((await run({ check: true })).code).toBe(ExitCode.Ok);
  });
});

describe('--client-import package advice', () => {
  it('names the package to add where it is missing', async () => {
    await writeTree(project, {
      'package.json': '{ "name": "app" }\n',
      'src/leads.js': 'client.getLead(1);\n',
    });
    const { stderr } = await run({ dry: true, clientImport: '@acme/marketo-rest/client' });

    expect(stderr).toContain(
      '  REST client package: add @acme/marketo-rest to package.json: ' +
        'run `npm install @acme/marketo-rest` in its directory\n',
    );
  });

  it('says when the package is already listed', async () => {
    await writeTree(project, {
      'package.json': '{ "name": "app", "dependencies": { "marketo-rest": "1.0.0" } }\n',
      'src/leads.js': 'client.getLead(1);\n',
    });
    const { stderr } = await run({ dry: true, clientImport: 'marketo-rest' });

    expect(stderr).toContain('  REST client package: marketo-rest is listed in package.json\n');
  });

  it('gives no advice for a relative specifier', async () => {
    await writeTree(project, {
      'package.json': '{ "name": "app" }\n',
      'src/leads.js': 'client.getLead(1);\n',
    });
    const { stderr } = await run({ dry: true, clientImport: './lib/rest.js' });

    expect(stderr).not.toContain('REST client package');
  });
});
