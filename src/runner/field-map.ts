import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { restClientFromEnv } from '../client/env.js';
import type { LeadField } from '../client/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { UsageError, errorMessage } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { NEW_FILE_MODE } from './file-change.js';
import { compareCodeUnits } from './paths.js';

/** File `fields pull` writes when `--output` is not given. */
export const DEFAULT_FIELD_MAP_FILE = 'marketo-field-map.json';

/** SOAP lead field name to REST lead field name, as `fields pull` writes it. */
export type FieldMap = Record<string, string>;

/** The part of the REST client that `fields pull` uses. */
export interface LeadFieldSource {
  leadFields(): Promise<LeadField[]>;
}

export interface FieldsPullIO {
  cwd: string;
  stderr: { write(text: string): unknown };
  /** Environment with the `MARKETO_*` variables of the REST client. */
  env: Record<string, string | undefined>;
}

/**
 * Builds the field map from Describe Lead's fields: one entry per field that has both a SOAP
 * and a REST name, sorted by SOAP name. Fields of one API only have no entry and are returned
 * in `soapOnly` when they have a SOAP name.
 */
export function buildFieldMap(fields: readonly LeadField[]): { map: FieldMap; soapOnly: string[] } {
  const entries: [string, string][] = [];
  const soapOnly: string[] = [];
  for (const field of fields) {
    const soapName = field.soap?.name;
    const restName = field.rest?.name;
    if (soapName === undefined || soapName === '') {
      continue;
    }
    if (restName === undefined || restName === '') {
      soapOnly.push(soapName);
      continue;
    }
    entries.push([soapName, restName]);
  }
  entries.sort(([left], [right]) => compareCodeUnits(left, right));
  return { map: Object.fromEntries(entries), soapOnly: soapOnly.sort(compareCodeUnits) };
}

/**
 * Runs `fields pull`: reads Describe Lead through the REST client configured by the
 * `MARKETO_*` variables of `io.env` and writes the field map as JSON to `output`.
 * Returns the exit code.
 *
 * @throws MarketoConfigError when variables are missing, MarketoError when the call fails.
 */
export async function fieldsPullCommand(
  output: string,
  io: FieldsPullIO,
  createSource: (env: Record<string, string | undefined>) => LeadFieldSource = restClientFromEnv,
): Promise<ExitCodeValue> {
  const source = createSource(io.env);
  const fields = await source.leadFields();
  const { map, soapOnly } = buildFieldMap(fields);

  const target = path.resolve(io.cwd, output);
  await writeFileAtomic(target, `${JSON.stringify(map, null, 2)}\n`, NEW_FILE_MODE);

  const count = Object.keys(map).length;
  const names = `${count} lead field name${count === 1 ? '' : 's'}`;
  let message = `Wrote ${names} (SOAP name to REST name) to ${output}.\n`;
  if (soapOnly.length > 0) {
    message +=
      `${soapOnly.length} field${soapOnly.length === 1 ? ' has' : 's have'} a SOAP name but no ` +
      `REST name, so REST cannot read or write ${soapOnly.length === 1 ? 'it' : 'them'}: ` +
      `${soapOnly.join(', ')}\n`;
  }
  io.stderr.write(message);
  return ExitCode.Ok;
}

/**
 * Reads and validates a `--field-map` file: a JSON object of non-empty SOAP names to
 * non-empty REST names.
 *
 * @throws UsageError naming the file and the first problem.
 */
export async function loadFieldMap(filePath: string): Promise<FieldMap> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read field map file ${filePath}: ${errorMessage(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Invalid field map file ${filePath}: not valid JSON: ${errorMessage(error)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `Invalid field map file ${filePath}: expected a JSON object of SOAP field names to REST ` +
        'field names, as `fields pull` writes it.',
    );
  }
  const map: FieldMap = {};
  for (const [soapName, restName] of Object.entries(value)) {
    if (soapName.trim() === '' || typeof restName !== 'string' || restName.trim() === '') {
      throw new UsageError(
        `Invalid field map file ${filePath}: the entry ${JSON.stringify(soapName)} must map a ` +
          'non-empty SOAP field name to a non-empty REST field name, got ' +
          `${JSON.stringify(restName)}.`,
      );
    }
    map[soapName] = restName;
  }
  return map;
}
