// Compares the migration run with a plain jscodeshift codemod on a generated tree where few
// files use SOAP. The jscodeshift transform parses every file and searches it for SOAP calls,
// as a codemod without a text pre-check does. Prints wall-clock time and peak memory of each,
// and their ratios. Usage: node bench/codemod.mjs [fileCount] (default 3000).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const FILE_COUNT = Number(process.argv[2] ?? 3000);
// One file in 50 calls the SOAP API, which is more than most real trees have.
const SOAP_EVERY = 50;

/** Returns an ordinary module of about 90 lines that names no SOAP operation. */
function ordinaryModule(index) {
  const lines = [`'use strict';`, `const helpers = require('./helpers-${index % 7}');`, ''];
  for (let block = 0; block < 12; block++) {
    lines.push(
      `function step${block}(input, options = {}) {`,
      `  const values = (input || []).map((value) => value * ${block + 1});`,
      `  if (options.verbose) console.log('step ${block} of module ${index}', values.length);`,
      `  const total = values.reduce((sum, value) => sum + value, 0);`,
      `  return helpers.format({ total, count: values.length, label: 'module-${index}-${block}' });`,
      '}',
      '',
    );
  }
  lines.push(
    `module.exports = { ${Array.from({ length: 12 }, (_, block) => `step${block}`).join(', ')} };`,
    '',
  );
  return lines.join('\n');
}

function soapInputs() {
  const folder = join(REPOSITORY, 'fixtures/getLead');
  return readdirSync(folder)
    .filter((name) => /\.input\.js$/.test(name))
    .map((name) => readFileSync(join(folder, name), 'utf8'));
}

function buildTree(root) {
  const inputs = soapInputs();
  for (let index = 0; index < FILE_COUNT; index++) {
    const folder = join(root, 'src', `area${index % 40}`);
    mkdirSync(folder, { recursive: true });
    const source =
      index % SOAP_EVERY === 0
        ? inputs[(index / SOAP_EVERY) % inputs.length]
        : ordinaryModule(index);
    writeFileSync(join(folder, `module${index}.js`), source);
  }
  writeFileSync(join(root, 'package.json'), '{ "name": "bench-tree", "version": "1.0.0" }\n');
}

/** Runs a command under /usr/bin/time and returns seconds and peak resident memory in MiB. */
function timed(command, args, cwd) {
  try {
    execFileSync(
      '/usr/bin/time',
      ['-f', 'BENCH %e %M', '-o', join(cwd, '.bench-time'), command, ...args],
      {
        cwd,
        stdio: 'ignore',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    // The migration exits 0 here; any other exit is a failure of the benchmark itself.
    throw new Error(`${command} ${args.join(' ')} failed: ${error.message}`);
  }
  const [, seconds, kilobytes] = readFileSync(join(cwd, '.bench-time'), 'utf8')
    .trim()
    .split(/\s+/)
    .slice(-3);
  return { seconds: Number(seconds), mebibytes: Number(kilobytes) / 1024 };
}

const work = mkdtempSync(join(tmpdir(), 'marketo-codemod-bench-'));
try {
  const tree = join(work, 'tree');
  buildTree(tree);
  const transform = join(work, 'search-transform.cjs');
  writeFileSync(
    transform,
    [
      "const NAMES = new Set(['getLead', 'syncLead', 'getMultipleLeads']);",
      'module.exports = function (file, api) {',
      '  const j = api.jscodeshift;',
      '  j(file.source).find(j.CallExpression).filter((path) => NAMES.has(path.node.callee.property && path.node.callee.property.name)).size();',
      '  return undefined;',
      '};',
      '',
    ].join('\n'),
  );
  const cli = join(REPOSITORY, 'dist/src/cli.js');
  const jscodeshift = join(REPOSITORY, 'node_modules/jscodeshift/bin/jscodeshift.js');
  const copy = join(work, 'tree-copy');
  cpSync(tree, copy, { recursive: true });

  const ours = timed(process.execPath, [cli, 'run', '--dry', '--silent', copy], work);
  const baselineOneWorker = timed(
    process.execPath,
    [jscodeshift, '-t', transform, '--dry', '--silent', '--cpus=1', '--parser=babylon', copy],
    work,
  );
  const baseline = timed(
    process.execPath,
    [jscodeshift, '-t', transform, '--dry', '--silent', '--parser=babylon', copy],
    work,
  );

  const rows = [
    ['marketo-soap-to-rest run --dry', ours],
    ['jscodeshift, 1 worker', baselineOneWorker],
    [`jscodeshift, default workers (${cpus().length} CPUs)`, baseline],
  ];
  console.log(`Tree: ${FILE_COUNT} files, one in ${SOAP_EVERY} with SOAP calls.`);
  for (const [label, result] of rows)
    console.log(
      `${label}: ${result.seconds.toFixed(2)} s, peak ${result.mebibytes.toFixed(0)} MiB`,
    );
  console.log(
    `Time ratio, ours to jscodeshift with 1 worker: ${(ours.seconds / baselineOneWorker.seconds).toFixed(2)}`,
  );
  console.log(
    `Time ratio, ours to jscodeshift with default workers: ${(ours.seconds / baseline.seconds).toFixed(2)}`,
  );
  console.log(
    `Peak memory ratio, ours to jscodeshift with 1 worker: ${(ours.mebibytes / baselineOneWorker.mebibytes).toFixed(2)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
