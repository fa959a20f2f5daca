/**
 * Calls shared by the object APIs (opportunities, opportunity roles and custom objects):
 * describe, get by filter type or compound key, sync and delete. Each object API passes its
 * base path and timeouts.
 */
import { requireItems } from './batch.js';
import { chunk, LEAD_BATCH_SIZE, type LeadContext } from './leads.js';
import { iteratePages, joinResponses } from './paging.js';
import type { CallSpec } from './transport.js';
import type { RestIssue, RestResponse } from './types.js';

/** An object record keyed by REST field names, such as `{ externalOpportunityId, name }`. */
export type ObjectRecord = Record<string, unknown>;

/** Result of one input record of a sync or delete, with `seq` set to its input index. */
export interface ObjectWriteResult {
  seq: number;
  marketoGUID?: string;
  status: 'created' | 'updated' | 'deleted' | 'skipped';
  reasons?: RestIssue[];
}

/** One field of an object's Describe. */
export interface ObjectField {
  name: string;
  displayName?: string;
  dataType: string;
  length?: number;
  updateable?: boolean;
  crmManaged?: boolean;
}

/** The Describe of an object type. The docs call the name `name`, the spec `apiName`. */
export interface ObjectMetadata {
  name?: string;
  apiName?: string;
  displayName?: string;
  pluralName?: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  idField?: string;
  dedupeFields?: string[];
  searchableFields?: string[][];
  relationships?: { field: string; relatedTo: { name: string; field: string }; type: string }[];
  fields?: ObjectField[];
  [field: string]: unknown;
}

/** Get by one searchable field: `filterType` and up to 300 `filterValues` per call. */
export interface GetObjectsByFilterRequest {
  filterType: string;
  filterValues: readonly (string | number)[];
  /** REST field names to return. */
  fields?: readonly string[];
  /** Records per page, at most 300 (the default). */
  batchSize?: number;
  nextPageToken?: string;
}

/**
 * Get by a compound key, as `filterType: 'dedupeFields'` with one key object per record. It is
 * sent as POST with `_method=GET` and a JSON body, as Adobe documents for compound keys.
 */
export interface GetObjectsByKeysRequest {
  filterType: 'dedupeFields';
  input: readonly ObjectRecord[];
  fields?: readonly string[];
  batchSize?: number;
  nextPageToken?: string;
}

export type GetObjectsRequest = GetObjectsByFilterRequest | GetObjectsByKeysRequest;

export interface SyncObjectsRequest {
  /** Default `createOrUpdate`. Custom objects have no documented default, so give it. */
  action?: 'createOnly' | 'updateOnly' | 'createOrUpdate';
  /** `dedupeFields` (the default) or `idField`, which works only with `updateOnly`. */
  dedupeBy?: 'dedupeFields' | 'idField';
  input: readonly ObjectRecord[];
}

export interface DeleteObjectsRequest {
  /** `dedupeFields` (the default) or `idField`. */
  deleteBy?: 'dedupeFields' | 'idField';
  input: readonly ObjectRecord[];
}

/** Paths and timeouts of one object API. */
export interface ObjectApi {
  /** Name used in error messages and logs, such as `Opportunities`. */
  name: string;
  basePath: string;
  readTimeoutMs: number;
  syncTimeoutMs: number;
  deleteTimeoutMs: number;
}

export function describeObject<T = ObjectMetadata>(
  context: LeadContext,
  api: ObjectApi,
  operation: string,
): Promise<RestResponse<T>> {
  return context.transport.call<T>({
    operation,
    method: 'GET',
    path: `${api.basePath}/describe.json`,
    idempotent: true,
    defaultTimeoutMs: api.readTimeoutMs,
  });
}

/**
 * Reads one page. More than 300 filter values or keys are split into calls of 300, each read
 * to its last page, and joined in the order of the batches.
 */
export async function getObjects<T>(
  context: LeadContext,
  api: ObjectApi,
  operation: string,
  request: GetObjectsRequest,
): Promise<RestResponse<T>> {
  const values = validateGet(operation, request);
  if (values.length <= LEAD_BATCH_SIZE) {
    return context.transport.call<T>(
      getSpec(api, operation, request, values, request.nextPageToken),
    );
  }
  if (request.nextPageToken !== undefined) {
    throw new TypeError(
      `${operation}: nextPageToken cannot be combined with more than ${LEAD_BATCH_SIZE} keys, ` +
        'because the client reads every page of each batch itself.',
    );
  }
  const pages: RestResponse<T>[] = [];
  for (const batch of chunk(values, LEAD_BATCH_SIZE)) {
    const fetchPage = (token: string | undefined) =>
      context.transport.call<T>(getSpec(api, operation, request, batch, token));
    for await (const page of iteratePages(fetchPage)) pages.push(page);
  }
  return joinResponses(pages);
}

/** Yields every record that matches, following `nextPageToken` from page to page. */
export async function* iterateObjects<T>(
  context: LeadContext,
  api: ObjectApi,
  operation: string,
  request: GetObjectsRequest,
): AsyncGenerator<T, void, undefined> {
  const values = validateGet(operation, request);
  if (values.length > LEAD_BATCH_SIZE) {
    yield* (await getObjects<T>(context, api, operation, request)).result;
    return;
  }
  const fetchPage = (token: string | undefined) =>
    context.transport.call<T>(getSpec(api, operation, request, values, token));
  for await (const page of iteratePages(fetchPage, request.nextPageToken)) yield* page.result;
}

/**
 * Syncs the records in calls of 300, one after another. `seq` of each result is set to the
 * record's index in `input`. Not retried after it may have run.
 */
export async function syncObjects(
  context: LeadContext,
  api: ObjectApi,
  operation: string,
  request: SyncObjectsRequest,
  path = `${api.basePath}.json`,
): Promise<RestResponse<ObjectWriteResult>> {
  requireItems(operation, 'input', request.input);
  if (request.dedupeBy === 'idField' && request.action !== 'updateOnly') {
    throw new TypeError(`${operation}: dedupeBy idField works only with action updateOnly.`);
  }
  const { input, ...settings } = request;
  return writeInBatches(context, operation, input, (batch) => ({
    operation,
    method: 'POST',
    path,
    body: { ...settings, input: batch },
    idempotent: false,
    defaultTimeoutMs: api.syncTimeoutMs,
  }));
}

/** Deletes the records in calls of 300. Not retried after it may have run. */
export async function deleteObjects(
  context: LeadContext,
  api: ObjectApi,
  operation: string,
  request: DeleteObjectsRequest,
  path = `${api.basePath}/delete.json`,
): Promise<RestResponse<ObjectWriteResult>> {
  requireItems(operation, 'input', request.input);
  const { input, ...settings } = request;
  return writeInBatches(context, operation, input, (batch) => ({
    operation,
    method: 'POST',
    path,
    body: { ...settings, input: batch },
    idempotent: false,
    defaultTimeoutMs: api.deleteTimeoutMs,
  }));
}

// Sends the batches one after another. Marketo numbers `seq` within each call, so each batch's
// offset is added to give the index in the whole input.
async function writeInBatches(
  context: LeadContext,
  operation: string,
  input: readonly ObjectRecord[],
  specFor: (batch: readonly ObjectRecord[]) => CallSpec,
): Promise<RestResponse<ObjectWriteResult>> {
  const batches = chunk(input, LEAD_BATCH_SIZE);
  const responses: RestResponse<ObjectWriteResult>[] = [];
  let offset = 0;
  for (const [index, batch] of batches.entries()) {
    let response: RestResponse<ObjectWriteResult>;
    try {
      response = await context.transport.call<ObjectWriteResult>(specFor(batch));
    } catch (error) {
      if (index > 0 && error instanceof Error) {
        error.message +=
          ` Batch ${index + 1} of ${batches.length} failed, after the first ${offset} records` +
          ` were sent by ${operation}.`;
      }
      throw error;
    }
    const base = offset;
    response.result = response.result.map((record, position) => ({
      ...record,
      seq: base + (typeof record.seq === 'number' ? record.seq : position),
    }));
    responses.push(response);
    offset += batch.length;
  }
  const [only] = responses;
  return responses.length === 1 && only !== undefined ? only : joinResponses(responses);
}

function validateGet(operation: string, request: GetObjectsRequest): readonly unknown[] {
  if (!request.filterType) throw new TypeError(`${operation}: filterType is missing.`);
  const { batchSize } = request;
  if (batchSize !== undefined) {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > LEAD_BATCH_SIZE) {
      throw new TypeError(
        `${operation}: invalid batchSize ${batchSize}. Expected 1 to ${LEAD_BATCH_SIZE}.`,
      );
    }
  }
  if ('input' in request) {
    requireItems(operation, 'input', request.input);
    return request.input;
  }
  requireItems(operation, 'filterValues', request.filterValues);
  const withComma = request.filterValues.find((value) => String(value).includes(','));
  if (withComma !== undefined) {
    throw new TypeError(
      `${operation}: invalid filter value ${JSON.stringify(withComma)}. A value cannot contain ` +
        'a comma, because filterValues is sent as a comma-separated list.',
    );
  }
  return request.filterValues;
}

function getSpec(
  api: ObjectApi,
  operation: string,
  request: GetObjectsRequest,
  values: readonly unknown[],
  nextPageToken: string | undefined,
): CallSpec {
  const fields =
    request.fields !== undefined && request.fields.length > 0 ? request.fields : undefined;
  if ('input' in request) {
    const body: Record<string, unknown> = { filterType: request.filterType, input: values };
    if (fields !== undefined) body['fields'] = fields;
    if (request.batchSize !== undefined) body['batchSize'] = request.batchSize;
    if (nextPageToken !== undefined) body['nextPageToken'] = nextPageToken;
    return {
      operation,
      method: 'POST',
      path: `${api.basePath}.json`,
      query: { _method: 'GET' },
      body,
      idempotent: true,
      defaultTimeoutMs: api.readTimeoutMs,
    };
  }
  return {
    operation,
    method: 'GET',
    path: `${api.basePath}.json`,
    query: {
      filterType: request.filterType,
      filterValues: values as readonly (string | number)[],
      fields,
      batchSize: request.batchSize,
      nextPageToken,
    },
    idempotent: true,
    defaultTimeoutMs: api.readTimeoutMs,
  };
}
