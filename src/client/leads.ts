import { byteLength } from './http.js';
import { joinResponses, iteratePages } from './paging.js';
import { renameSoapFields } from './soap-lead.js';
import type { CallSpec, RestTransport } from './transport.js';
import type {
  GetLeadsByFilterTypeRequest,
  Lead,
  LeadField,
  LeadInput,
  LeadReadOptions,
  RestResponse,
  SyncLeadResult,
  SyncLeadsRequest,
} from './types.js';

/** Max records per Lead Database call, for `filterValues`, `batchSize` and Sync Leads input. */
export const LEAD_BATCH_SIZE = 300;

/** Marketo rejects bodies over 1 MB with 413. A little room is left for the envelope keys. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Client-side timeout of one HTTP attempt per endpoint: Marketo's documented server timeout plus
 * 10 s. NOTE: the 10 s margin is a guess, because Adobe's docs ask only for "somewhat longer".
 */
export const LEAD_TIMEOUTS_MS = {
  getLeadById: 40_000,
  getLeadsByFilterType: 70_000,
  syncLeads: 100_000,
  associateLead: 70_000,
  describeLead: 40_000,
} as const;

/** Client services that the lead calls use. */
export interface LeadContext {
  transport: RestTransport;
  leadFields(): Promise<LeadField[]>;
}

export async function getLeadById(
  context: LeadContext,
  leadId: number | string,
  options: LeadReadOptions = {},
): Promise<RestResponse<Lead>> {
  const id = validLeadId('getLeadById', leadId);
  const fields = await resolveFields(context, options);
  return context.transport.call<Lead>({
    operation: 'getLeadById',
    method: 'GET',
    path: `/rest/v1/lead/${id}.json`,
    // NOTE: Adobe documents the POST `_method=GET` form for leads.json, not for this path. A field
    // list long enough to need it is sent to this path anyway.
    query: { fields },
    idempotent: true,
    defaultTimeoutMs: LEAD_TIMEOUTS_MS.getLeadById,
  });
}

/**
 * Calls Get Leads by Filter Type. More than 300 filter values are split into calls of 300, each
 * read to its last page, and the leads are returned in the order of the value batches.
 */
export async function getLeadsByFilterType(
  context: LeadContext,
  request: GetLeadsByFilterTypeRequest,
): Promise<RestResponse<Lead>> {
  const { filterType, filterValues } = request;
  if (!filterType) throw new TypeError('getLeadsByFilterType: filterType is missing.');
  if (filterValues.length === 0) {
    throw new TypeError('getLeadsByFilterType: filterValues must contain at least one value.');
  }
  const withComma = filterValues.find((value) => String(value).includes(','));
  if (withComma !== undefined) {
    throw new TypeError(
      `getLeadsByFilterType: invalid filter value ${JSON.stringify(withComma)}. A value cannot ` +
        'contain a comma, because filterValues is sent as a comma-separated list.',
    );
  }
  if (request.batchSize !== undefined) validBatchSize(request.batchSize);
  const fields = await resolveFields(context, request);

  if (filterValues.length <= LEAD_BATCH_SIZE) {
    const spec = filterSpec(request, filterValues, fields, request.nextPageToken);
    return context.transport.call<Lead>(spec);
  }
  if (request.nextPageToken !== undefined) {
    throw new TypeError(
      `getLeadsByFilterType: nextPageToken cannot be combined with more than ${LEAD_BATCH_SIZE} ` +
        'filterValues, because the client reads every page of each batch itself.',
    );
  }

  const pages: RestResponse<Lead>[] = [];
  for (const values of chunk(filterValues, LEAD_BATCH_SIZE)) {
    const fetchPage = (token: string | undefined) =>
      context.transport.call<Lead>(filterSpec(request, values, fields, token));
    for await (const page of iteratePages(fetchPage)) pages.push(page);
  }
  return joinResponses(pages);
}

/** Yields every lead that matches the filter, following `nextPageToken` from page to page. */
export async function* iterateLeadsByFilterType(
  context: LeadContext,
  request: GetLeadsByFilterTypeRequest,
): AsyncGenerator<Lead, void, undefined> {
  if (request.filterValues.length > LEAD_BATCH_SIZE) {
    // Batches of values are read to their end inside getLeadsByFilterType.
    const response = await getLeadsByFilterType(context, request);
    yield* response.result;
    return;
  }
  const fetchPage = (token: string | undefined) =>
    getLeadsByFilterType(context, { ...request, nextPageToken: token });
  for await (const page of iteratePages(fetchPage, request.nextPageToken)) yield* page.result;
}

/**
 * Calls Sync Leads. Input over 300 records, or over 1 MB as JSON, is sent in several calls, one
 * after another, and the results are joined in input order.
 */
export async function syncLeads(
  context: LeadContext,
  request: SyncLeadsRequest,
): Promise<RestResponse<SyncLeadResult>> {
  if (request.input.length === 0) {
    throw new TypeError('syncLeads: input must contain at least one record.');
  }
  const { input: givenInput, soapFields, ...settings } = request;
  const input = soapFields === undefined ? givenInput : await withSoapFields(context, request);
  const batches = splitSyncInput(input);
  const responses: RestResponse<SyncLeadResult>[] = [];

  for (const [index, batch] of batches.entries()) {
    const body = { ...settings, input: batch };
    try {
      responses.push(
        await context.transport.call<SyncLeadResult>({
          operation: 'syncLeads',
          method: 'POST',
          path: '/rest/v1/leads.json',
          body,
          idempotent: false,
          defaultTimeoutMs: LEAD_TIMEOUTS_MS.syncLeads,
        }),
      );
    } catch (error) {
      if (index > 0 && error instanceof Error) {
        const done = batches.slice(0, index).reduce((sum, records) => sum + records.length, 0);
        // NOTE: the results of the batches already synced are not returned with the error.
        error.message +=
          ` Batch ${index + 1} of ${batches.length} failed, after the first ${done} records` +
          ' were synced.';
      }
      throw error;
    }
  }
  const [only] = responses;
  return responses.length === 1 && only !== undefined ? only : joinResponses(responses);
}

// Merges `soapFields`, renamed to REST names, into the single input record. Keys already in the
// record win.
async function withSoapFields(
  context: LeadContext,
  request: SyncLeadsRequest,
): Promise<readonly LeadInput[]> {
  const [record] = request.input;
  if (request.input.length !== 1 || record === undefined) {
    throw new TypeError(
      `syncLeads: soapFields applies to exactly one input record, but input has ` +
        `${request.input.length}. Give each record its fields by REST name instead.`,
    );
  }
  const renamed = await renameSoapFields(context.leadFields, request.soapFields ?? {}, 'syncLeads');
  return [{ ...renamed, ...record }];
}

export async function associateLead(
  context: LeadContext,
  leadId: number | string,
  cookie: string,
): Promise<RestResponse<never>> {
  const id = validLeadId('associateLead', leadId);
  if (!cookie) throw new TypeError('associateLead: cookie must be a non-empty _mkto_trk value.');
  return context.transport.call<never>({
    operation: 'associateLead',
    method: 'POST',
    path: `/rest/v1/leads/${id}/associate.json`,
    query: { cookie },
    idempotent: false,
    defaultTimeoutMs: LEAD_TIMEOUTS_MS.associateLead,
  });
}

export function describeLead(
  context: Pick<LeadContext, 'transport'>,
): Promise<RestResponse<LeadField>> {
  return context.transport.call<LeadField>({
    operation: 'describeLead',
    method: 'GET',
    path: '/rest/v1/leads/describe.json',
    idempotent: true,
    defaultTimeoutMs: LEAD_TIMEOUTS_MS.describeLead,
  });
}

function filterSpec(
  request: GetLeadsByFilterTypeRequest,
  filterValues: readonly (string | number)[],
  fields: readonly string[] | undefined,
  nextPageToken: string | undefined,
): CallSpec {
  return {
    operation: 'getLeadsByFilterType',
    method: 'GET',
    path: '/rest/v1/leads.json',
    query: {
      filterType: request.filterType,
      filterValues,
      fields,
      batchSize: request.batchSize,
      nextPageToken,
    },
    idempotent: true,
    defaultTimeoutMs: LEAD_TIMEOUTS_MS.getLeadsByFilterType,
  };
}

async function resolveFields(
  context: LeadContext,
  options: LeadReadOptions,
): Promise<readonly string[] | undefined> {
  if (options.allFields) {
    const described = await context.leadFields();
    return described.flatMap((field) => (field.rest ? [field.rest.name] : []));
  }
  return options.fields !== undefined && options.fields.length > 0 ? options.fields : undefined;
}

function validLeadId(operation: string, leadId: number | string): string {
  const text = String(leadId).trim();
  if (!/^[1-9]\d*$/.test(text)) {
    throw new TypeError(
      `${operation}: invalid lead id ${JSON.stringify(leadId)}. Expected a positive integer.`,
    );
  }
  return text;
}

function validBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > LEAD_BATCH_SIZE) {
    throw new TypeError(
      `getLeadsByFilterType: invalid batchSize ${batchSize}. Expected 1 to ${LEAD_BATCH_SIZE}.`,
    );
  }
}

/** Splits `items` into consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** Batches of at most 300 records, halved until each batch's JSON fits in MAX_BODY_BYTES. */
export function splitSyncInput<T>(input: readonly T[], size = LEAD_BATCH_SIZE): T[][] {
  const batches: T[][] = [];
  const pending = chunk(input, size);
  while (pending.length > 0) {
    const batch = pending.shift() ?? [];
    if (batch.length > 1 && byteLength(JSON.stringify(batch)) > MAX_BODY_BYTES - 1024) {
      const half = Math.ceil(batch.length / 2);
      pending.unshift(batch.slice(0, half), batch.slice(half));
    } else {
      batches.push(batch);
    }
  }
  return batches;
}
