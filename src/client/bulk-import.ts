/**
 * Bulk Lead Import and Bulk Custom Object Import: a job is created with a file upload, then its
 * status, failures and warnings are read by batch id.
 */
import { validId, validName } from './batch.js';
import { byteLength } from './http.js';
import type { LeadContext } from './leads.js';
import type { CallSpec } from './transport.js';
import type { RestResponse } from './types.js';

/** Marketo accepts import files under 10 MB. */
export const MAX_IMPORT_FILE_BYTES = 10_000_000;

/**
 * Client-side timeout of bulk import calls.
 * NOTE: Adobe documents no server timeout for bulk endpoints, so this is an estimate.
 */
export const BULK_IMPORT_TIMEOUT_MS = 70_000;

/** `csv`, `tsv`, or `ssv` (semicolon-separated in Adobe's bulk import page). */
export type ImportFormat = 'csv' | 'tsv' | 'ssv';

const CONTENT_TYPES: Readonly<Record<ImportFormat, string>> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  ssv: 'text/plain',
};

interface ImportFileRequest {
  /** The file's text. Its first row is a header of REST API field names. */
  file: string;
  /** Default `csv`. */
  format?: ImportFormat;
  /** File name sent with the upload, default `import.<format>`. */
  fileName?: string;
}

export interface ImportLeadsRequest extends ImportFileRequest {
  /** Field to deduplicate on, default `email`. `id` makes the import update only. */
  lookupField?: string;
  /** Static list that the imported leads also join. */
  listId?: number | string;
  partitionName?: string;
}

export type ImportCustomObjectsRequest = ImportFileRequest;

export type ImportStatus = 'Queued' | 'Importing' | 'Complete' | 'Failed';

/** The `result` of Import Leads and Import Custom Objects. */
export interface ImportJob {
  batchId: number;
  importId?: string;
  status: ImportStatus;
  [field: string]: unknown;
}

export interface ImportLeadStatus extends ImportJob {
  numOfLeadsProcessed?: number;
  numOfRowsFailed?: number;
  numOfRowsWithWarning?: number;
  message?: string;
}

export interface ImportCustomObjectStatus extends ImportJob {
  operation?: string;
  objectApiName?: string;
  numOfObjectsProcessed?: number;
  numOfRowsFailed?: number;
  numOfRowsWithWarning?: number;
  importTime?: string;
  message?: string;
}

/**
 * Import Leads: uploads the file as the `file` part of a multipart body. Not retried after it
 * may have run, because a second upload would queue a second job.
 */
export async function importLeads(
  context: LeadContext,
  request: ImportLeadsRequest,
): Promise<RestResponse<ImportJob>> {
  const operation = 'importLeads';
  const format = validFormat(operation, request.format);
  const listId =
    request.listId === undefined ? undefined : validId(operation, 'listId', request.listId);
  return context.transport.call<ImportJob>({
    ...uploadSpec(operation, '/bulk/v1/leads.json', request, format),
    query: {
      format,
      lookupField: request.lookupField,
      listId,
      partitionName: request.partitionName,
    },
  });
}

/** Get Import Lead Status. Adobe suggests polling every 5 to 30 seconds. */
export async function getImportLeadStatus(
  context: LeadContext,
  batchId: number | string,
): Promise<RestResponse<ImportLeadStatus>> {
  const id = validId('getImportLeadStatus', 'batchId', batchId);
  return context.transport.call<ImportLeadStatus>(
    readSpec('getImportLeadStatus', `/bulk/v1/leads/batch/${id}.json`),
  );
}

/** Get Import Lead Failures: the failed rows in the import's format, with a reason column. */
export async function getImportLeadFailures(
  context: LeadContext,
  batchId: number | string,
): Promise<string> {
  const id = validId('getImportLeadFailures', 'batchId', batchId);
  return context.transport.callForFile(
    readSpec('getImportLeadFailures', `/bulk/v1/leads/batch/${id}/failures.json`),
  );
}

/** Get Import Lead Warnings: the rows with warnings, with a reason column. */
export async function getImportLeadWarnings(
  context: LeadContext,
  batchId: number | string,
): Promise<string> {
  const id = validId('getImportLeadWarnings', 'batchId', batchId);
  return context.transport.callForFile(
    readSpec('getImportLeadWarnings', `/bulk/v1/leads/batch/${id}/warnings.json`),
  );
}

/** Import Custom Objects into the object `apiName`. Not retried after it may have run. */
export async function importCustomObjects(
  context: LeadContext,
  apiName: string,
  request: ImportCustomObjectsRequest,
): Promise<RestResponse<ImportCustomObjectStatus>> {
  const operation = 'importCustomObjects';
  const name = encodeURIComponent(validName(operation, 'apiName', apiName));
  const format = validFormat(operation, request.format);
  return context.transport.call<ImportCustomObjectStatus>({
    ...uploadSpec(operation, `/bulk/v1/customobjects/${name}/import.json`, request, format),
    query: { format },
  });
}

export async function getImportCustomObjectStatus(
  context: LeadContext,
  apiName: string,
  batchId: number | string,
): Promise<RestResponse<ImportCustomObjectStatus>> {
  const operation = 'getImportCustomObjectStatus';
  return context.transport.call<ImportCustomObjectStatus>(
    readSpec(operation, customObjectBatchPath(operation, apiName, batchId, 'status')),
  );
}

/** Reads the failed rows of a custom object import. Marketo returns 404 without a file. */
export async function getImportCustomObjectFailures(
  context: LeadContext,
  apiName: string,
  batchId: number | string,
): Promise<string> {
  const operation = 'getImportCustomObjectFailures';
  return context.transport.callForFile(
    readSpec(operation, customObjectBatchPath(operation, apiName, batchId, 'failures')),
  );
}

/** Reads the rows with warnings of a custom object import, or gets 404 without a file. */
export async function getImportCustomObjectWarnings(
  context: LeadContext,
  apiName: string,
  batchId: number | string,
): Promise<string> {
  const operation = 'getImportCustomObjectWarnings';
  return context.transport.callForFile(
    readSpec(operation, customObjectBatchPath(operation, apiName, batchId, 'warnings')),
  );
}

function uploadSpec(
  operation: string,
  path: string,
  request: ImportFileRequest,
  format: ImportFormat,
): CallSpec {
  if (typeof request.file !== 'string' || request.file.trim() === '') {
    throw new TypeError(`${operation}: file must be non-empty text with a header row.`);
  }
  const size = byteLength(request.file);
  if (size >= MAX_IMPORT_FILE_BYTES) {
    throw new TypeError(
      `${operation}: the file has ${size} bytes, but Marketo accepts files under ` +
        `${MAX_IMPORT_FILE_BYTES} bytes. Split it into several imports.`,
    );
  }
  return {
    operation,
    method: 'POST',
    path,
    file: {
      partName: 'file',
      fileName: request.fileName ?? `import.${format}`,
      contentType: CONTENT_TYPES[format],
      content: request.file,
    },
    idempotent: false,
    defaultTimeoutMs: BULK_IMPORT_TIMEOUT_MS,
  };
}

function readSpec(operation: string, path: string): CallSpec {
  return {
    operation,
    method: 'GET',
    path,
    idempotent: true,
    defaultTimeoutMs: BULK_IMPORT_TIMEOUT_MS,
  };
}

function customObjectBatchPath(
  operation: string,
  apiName: string,
  batchId: number | string,
  leaf: 'status' | 'failures' | 'warnings',
): string {
  const name = encodeURIComponent(validName(operation, 'apiName', apiName));
  const id = validId(operation, 'batchId', batchId);
  return `/bulk/v1/customobjects/${name}/import/${id}/${leaf}.json`;
}

function validFormat(operation: string, format: ImportFormat | undefined): ImportFormat {
  const value = format ?? 'csv';
  if (!Object.hasOwn(CONTENT_TYPES, value)) {
    throw new TypeError(
      `${operation}: invalid format ${JSON.stringify(format)}. Use csv, tsv or ssv.`,
    );
  }
  return value;
}
