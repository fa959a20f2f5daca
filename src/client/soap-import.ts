/**
 * Conversion of SOAP importToList's file parts, whose header named fields by display name
 * (such as "Email Address"), into the CSV file Bulk Lead Import takes, whose header has REST
 * API names.
 */
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import { STANDARD_LEAD_FIELDS } from './standard-fields.js';
import type { LeadField } from './types.js';

const REST_NAME_BY_SOAP_NAME: ReadonlyMap<string, string> = new Map(
  STANDARD_LEAD_FIELDS.map((field) => [field.soap, field.rest]),
);

/**
 * Builds the CSV text of a Bulk Lead Import from SOAP's `importFileHeader` and
 * `importFileRows.stringItem`. Each header column is renamed to its REST name: by Describe
 * Lead's display name, then by SOAP name, then as a REST name, then by display name ignoring
 * case. The rows are kept as they are, one line each.
 * Throws TypeError for a My Token column such as `{{my.offer}}`, which REST cannot import, and
 * MarketoError `FIELD_NOT_FOUND` (soapCode `'20105'`) for a column that names no lead field.
 */
export async function soapImportFileToCsv(
  leadFields: () => Promise<LeadField[]>,
  importFileHeader: string,
  importFileRows: string | readonly string[] | null | undefined,
): Promise<string> {
  const operation = 'soapImportFileToCsv';
  if (typeof importFileHeader !== 'string' || importFileHeader.trim() === '') {
    throw new TypeError(`${operation}: importFileHeader must be a non-empty CSV header line.`);
  }
  const columns = parseCsvLine(importFileHeader);
  const token = columns.find((column) => column.includes('{{'));
  if (token !== undefined) {
    throw new TypeError(
      `${operation}: the header column ${JSON.stringify(token)} is a My Token, and Bulk Lead ` +
        'Import has no per-lead token values. Drop the column, and pass the values as tokens ' +
        'to requestCampaign or scheduleCampaign, or store them in lead fields.',
    );
  }

  const fields = (await leadFields()).filter((field) => field.rest !== undefined);
  const restNames = columns.map((column) => restNameOf(column, fields, operation));
  const rows = importFileRows === undefined || importFileRows === null ? [] : importFileRows;
  const lines = typeof rows === 'string' ? [rows] : [...rows];
  for (const [index, line] of lines.entries()) {
    if (typeof line !== 'string') {
      throw new TypeError(`${operation}: importFileRows[${index}] must be a CSV line (a string).`);
    }
  }
  return [restNames.join(','), ...lines].join('\n') + '\n';
}

function restNameOf(column: string, fields: readonly LeadField[], operation: string): string {
  const name = column.trim();
  const byDisplayName = fields.filter((field) => field.displayName === name);
  if (byDisplayName.length === 1) return byDisplayName[0]?.rest?.name ?? name;
  if (byDisplayName.length > 1) throw ambiguous(name, byDisplayName, operation);

  const standard = REST_NAME_BY_SOAP_NAME.get(name);
  if (standard !== undefined) return standard;
  const bySoapName = fields.find((field) => field.soap?.name === name);
  if (bySoapName?.rest !== undefined) return bySoapName.rest.name;
  if (fields.some((field) => field.rest?.name === name)) return name;

  const lower = name.toLowerCase();
  const ignoringCase = fields.filter((field) => field.displayName.toLowerCase() === lower);
  if (ignoringCase.length === 1) return ignoringCase[0]?.rest?.name ?? name;
  if (ignoringCase.length > 1) throw ambiguous(name, ignoringCase, operation);
  throw new MarketoError(
    `Marketo ${operation} failed: the import header column ${JSON.stringify(name)} names no ` +
      'lead field by display name, SOAP name or REST name in Describe Lead. Check the name.',
    { code: CLIENT_ERROR_CODES.fieldNotFound, soapCode: '20105', operation },
  );
}

function ambiguous(name: string, fields: readonly LeadField[], operation: string): MarketoError {
  const names = fields.map((field) => field.rest?.name).join(', ');
  return new MarketoError(
    `Marketo ${operation} failed: the import header column ${JSON.stringify(name)} is the ` +
      `display name of several lead fields (${names}). Use the REST name of the one you mean.`,
    { code: CLIENT_ERROR_CODES.fieldNotFound, soapCode: '20105', operation },
  );
}

/** Splits one CSV line into its cells. Double quotes enclose a cell, and `""` is one quote. */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}
