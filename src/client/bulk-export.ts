/**
 * Bulk Lead Export and Bulk Activity Export: create a job, enqueue it, poll its status, stream
 * its file, or cancel it. Both kinds share one queue of 10 jobs and 500 MB of files a day.
 */
import { requireItems } from './batch.js';
import type { LeadContext } from './leads.js';
import type { CallSpec, FileStream } from './transport.js';
import type { RestResponse } from './types.js';

/**
 * Client-side timeout of bulk export calls.
 * NOTE: Adobe documents no server timeout for bulk endpoints, so this is an estimate.
 */
export const BULK_EXPORT_TIMEOUT_MS = 70_000;

/** A date range of an export filter. Marketo allows at most 31 days. */
export interface DateRange {
  /** ISO 8601 without milliseconds, such as `2024-01-01T00:00:00Z`. */
  startAt: string;
  endAt: string;
}

export type ExportFormat = 'CSV' | 'TSV' | 'SSV';

/** Exactly one filter of a lead export. */
export type LeadExportFilter =
  | { createdAt: DateRange }
  | { updatedAt: DateRange }
  | { staticListName: string }
  | { staticListId: number }
  | { smartListName: string }
  | { smartListId: number };

export interface CreateExportLeadJobRequest {
  /** REST field names, the columns of the file. */
  fields: readonly string[];
  /** Default CSV. */
  format?: ExportFormat;
  /** Header text per field, in place of the REST names. */
  columnHeaderNames?: Record<string, string>;
  filter: LeadExportFilter;
}

export interface ActivityExportFilter {
  createdAt: DateRange;
  activityTypeIds?: readonly number[];
  /** Up to 50, with `activityTypeIds`. Not with `primaryAttributeValues`. */
  primaryAttributeValueIds?: readonly number[];
  /** Up to 50, with `activityTypeIds`. Not with `primaryAttributeValueIds`. */
  primaryAttributeValues?: readonly string[];
}

export interface CreateExportActivityJobRequest {
  /** Default: Marketo's activity columns. */
  fields?: readonly string[];
  format?: ExportFormat;
  columnHeaderNames?: Record<string, string>;
  filter: ActivityExportFilter;
}

export type ExportStatus =
  'Created' | 'Queued' | 'Processing' | 'Canceled' | 'Completed' | 'Failed';

/** The `result` of every export job call. */
export interface ExportJob {
  exportId: string;
  status: ExportStatus;
  format?: string;
  createdAt?: string;
  queuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  numberOfRecords?: number;
  fileSize?: number;
  /** `sha256:<hex>` of the file. */
  fileChecksum?: string;
  errorMsg?: string;
}

/** The `Range` of a partial file read, as byte offsets. `end` is included. */
export interface ByteRange {
  start: number;
  end?: number;
}

/** Base paths of the two export kinds, and the operation names of their calls. */
export interface ExportKind {
  basePath: string;
  /** `Lead` or `Activity`, as in Adobe's operation titles. */
  title: 'Lead' | 'Activity';
}

export const LEAD_EXPORT: ExportKind = { basePath: '/bulk/v1/leads/export', title: 'Lead' };
export const ACTIVITY_EXPORT: ExportKind = {
  basePath: '/bulk/v1/activities/export',
  title: 'Activity',
};

const MAX_PRIMARY_ATTRIBUTE_FILTERS = 50;
const MAX_RANGE_MS = 31 * 86_400_000;

/** Creates an export job with status Created. Not retried after it may have run. */
export async function createExportJob(
  context: LeadContext,
  kind: ExportKind,
  request: CreateExportLeadJobRequest | CreateExportActivityJobRequest,
): Promise<RestResponse<ExportJob>> {
  const operation = `createExport${kind.title}Job`;
  if (kind === LEAD_EXPORT) {
    requireItems(operation, 'fields', (request as CreateExportLeadJobRequest).fields ?? []);
    validateLeadFilter(operation, (request as CreateExportLeadJobRequest).filter);
  } else {
    validateActivityFilter(operation, (request as CreateExportActivityJobRequest).filter);
  }
  return context.transport.call<ExportJob>({
    operation,
    method: 'POST',
    path: `${kind.basePath}/create.json`,
    body: { format: 'CSV', ...request },
    idempotent: false,
    defaultTimeoutMs: BULK_EXPORT_TIMEOUT_MS,
  });
}

/**
 * Queues a created job. Not retried after it may have run: a repeat of a queued job gives 1029,
 * and it takes a place in the shared queue of 10.
 */
export async function enqueueExportJob(
  context: LeadContext,
  kind: ExportKind,
  exportId: string,
): Promise<RestResponse<ExportJob>> {
  return context.transport.call<ExportJob>(
    jobSpec(`enqueueExport${kind.title}Job`, 'POST', kind, exportId, 'enqueue', false),
  );
}

/** Status of a job. Marketo updates it at most every 60 s, so poll every few minutes. */
export async function getExportJobStatus(
  context: LeadContext,
  kind: ExportKind,
  exportId: string,
): Promise<RestResponse<ExportJob>> {
  return context.transport.call<ExportJob>(
    jobSpec(`getExport${kind.title}JobStatus`, 'GET', kind, exportId, 'status', true),
  );
}

/** Cancels a job. Cancelling again changes nothing, so it is retried like a read. */
export async function cancelExportJob(
  context: LeadContext,
  kind: ExportKind,
  exportId: string,
): Promise<RestResponse<ExportJob>> {
  return context.transport.call<ExportJob>(
    jobSpec(`cancelExport${kind.title}Job`, 'POST', kind, exportId, 'cancel', true),
  );
}

/**
 * Streams the file of a Completed job, whole or from a byte `range`. A job that has not
 * completed gives HTTP 404. Compare the bytes with the status's `fileChecksum`.
 */
export async function getExportFile(
  context: LeadContext,
  kind: ExportKind,
  exportId: string,
  range?: ByteRange,
): Promise<FileStream> {
  const operation = `getExport${kind.title}File`;
  const headers: Record<string, string> = {};
  if (range !== undefined) {
    const { start, end } = range;
    const valid =
      Number.isInteger(start) &&
      start >= 0 &&
      (end === undefined || (Number.isInteger(end) && end >= start));
    if (!valid) throw new TypeError(`${operation}: invalid range ${JSON.stringify(range)}.`);
    headers['Range'] = `bytes=${start}-${end ?? ''}`;
  }
  return context.transport.callForStream(
    jobSpec(operation, 'GET', kind, exportId, 'file', true),
    headers,
  );
}

function jobSpec(
  operation: string,
  method: 'GET' | 'POST',
  kind: ExportKind,
  exportId: string,
  leaf: string,
  idempotent: boolean,
): CallSpec {
  if (typeof exportId !== 'string' || !/^[\w-]+$/.test(exportId)) {
    throw new TypeError(`${operation}: invalid exportId ${JSON.stringify(exportId)}.`);
  }
  return {
    operation,
    method,
    path: `${kind.basePath}/${exportId}/${leaf}.json`,
    idempotent,
    defaultTimeoutMs: BULK_EXPORT_TIMEOUT_MS,
  };
}

function validateLeadFilter(operation: string, filter: LeadExportFilter): void {
  const keys = typeof filter === 'object' && filter !== null ? Object.keys(filter) : [];
  if (keys.length !== 1) {
    throw new TypeError(
      `${operation}: filter must have exactly one of createdAt, updatedAt, staticListName, ` +
        `staticListId, smartListName or smartListId, but has ${keys.length}.`,
    );
  }
  if ('createdAt' in filter) validateRange(operation, 'createdAt', filter.createdAt);
  if ('updatedAt' in filter) validateRange(operation, 'updatedAt', filter.updatedAt);
}

function validateActivityFilter(operation: string, filter: ActivityExportFilter): void {
  validateRange(operation, 'createdAt', filter?.createdAt);
  const ids = filter.primaryAttributeValueIds;
  const values = filter.primaryAttributeValues;
  if (ids !== undefined && values !== undefined) {
    throw new TypeError(
      `${operation}: give primaryAttributeValueIds or primaryAttributeValues, not both.`,
    );
  }
  const primary = ids ?? values;
  if (primary !== undefined) {
    if (filter.activityTypeIds === undefined || filter.activityTypeIds.length === 0) {
      throw new TypeError(`${operation}: primary attribute filters need activityTypeIds.`);
    }
    if (primary.length > MAX_PRIMARY_ATTRIBUTE_FILTERS) {
      throw new TypeError(
        `${operation}: ${primary.length} primary attribute filters given, but Marketo takes at ` +
          `most ${MAX_PRIMARY_ATTRIBUTE_FILTERS}.`,
      );
    }
  }
}

function validateRange(operation: string, name: string, range: DateRange | undefined): void {
  const start = Date.parse(range?.startAt ?? '');
  const end = Date.parse(range?.endAt ?? '');
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    throw new TypeError(
      `${operation}: filter.${name} needs startAt and endAt as ISO 8601 date-times, with ` +
        'startAt first.',
    );
  }
  if (end - start > MAX_RANGE_MS) {
    throw new TypeError(`${operation}: filter.${name} spans more than 31 days, Marketo's limit.`);
  }
}
