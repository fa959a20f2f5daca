/**
 * Static lists and program members: Get Lists, Add to List, Remove from List, Member of List,
 * Get Leads by List Id and Get Leads by Program Id.
 */
import { requireItems, sendInBatches, validId } from './batch.js';
import { chunk, LEAD_BATCH_SIZE, type LeadContext } from './leads.js';
import { iteratePages } from './paging.js';
import type { CallSpec } from './transport.js';
import type { Lead, LeadReadOptions, RestIssue, RestResponse } from './types.js';

/** Client-side timeouts: Marketo's server timeout plus 10 s, as for the other lead calls. */
export const LIST_TIMEOUTS_MS = {
  /** Leads endpoints default to 30 s on the server. */
  default: 40_000,
  /** Get Leads by List Id times out at 60 s on the server. */
  getLeadsByListId: 70_000,
} as const;

export interface StaticList {
  id: number;
  name: string;
  description?: string;
  programName?: string;
  workspaceName?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface GetListsRequest {
  id?: readonly number[];
  name?: readonly string[];
  programName?: readonly string[];
  workspaceName?: readonly string[];
  /** Records per page, at most 300 (the default). */
  batchSize?: number;
  nextPageToken?: string;
}

/** Result of one lead id of Add to List, Remove from List or Member of List, in input order. */
export interface ListMemberResult {
  id: number;
  status: 'added' | 'removed' | 'memberof' | 'notmemberof' | 'skipped';
  reasons?: RestIssue[];
}

export interface PagedLeadRead extends LeadReadOptions {
  /** Records per page, at most 300 (the default). */
  batchSize?: number;
  nextPageToken?: string;
}

/** The `membership` object Get Leads by Program Id adds to each lead. */
export interface ProgramMembership {
  progressionStatus: string;
  acquiredBy: boolean;
  isExhausted: boolean;
  membershipDate: string;
  reachedSuccess: boolean;
  stream?: string;
  nurtureCadence?: string;
  [field: string]: unknown;
}

export type ProgramMember = Lead & { membership: ProgramMembership };

export function getLists(
  context: LeadContext,
  request: GetListsRequest = {},
): Promise<RestResponse<StaticList>> {
  return context.transport.call<StaticList>({
    operation: 'getLists',
    method: 'GET',
    path: '/rest/v1/lists.json',
    query: {
      id: request.id,
      name: request.name,
      programName: request.programName,
      workspaceName: request.workspaceName,
      batchSize: request.batchSize,
      nextPageToken: request.nextPageToken,
    },
    idempotent: true,
    defaultTimeoutMs: LIST_TIMEOUTS_MS.default,
  });
}

export async function* iterateLists(
  context: LeadContext,
  request: GetListsRequest = {},
): AsyncGenerator<StaticList, void, undefined> {
  const fetchPage = (token: string | undefined) =>
    getLists(context, { ...request, nextPageToken: token });
  for await (const page of iteratePages(fetchPage, request.nextPageToken)) yield* page.result;
}

/**
 * Sends the lead ids in calls of at most 300 and joins the per-lead results in input order.
 * Adding a member twice or removing a non-member changes nothing, so these calls count as
 * idempotent and are retried like reads.
 */
export function addToList(
  context: LeadContext,
  listId: number | string,
  leadIds: readonly (number | string)[],
): Promise<RestResponse<ListMemberResult>> {
  return changeMembers(context, 'addToList', 'POST', listId, leadIds);
}

export function removeFromList(
  context: LeadContext,
  listId: number | string,
  leadIds: readonly (number | string)[],
): Promise<RestResponse<ListMemberResult>> {
  return changeMembers(context, 'removeFromList', 'DELETE', listId, leadIds);
}

export async function memberOfList(
  context: LeadContext,
  listId: number | string,
  leadIds: readonly (number | string)[],
): Promise<RestResponse<ListMemberResult>> {
  const operation = 'memberOfList';
  const list = validId(operation, 'list id', listId);
  requireItems(operation, 'leadIds', leadIds);
  const ids = leadIds.map((leadId) => validId(operation, 'lead id', leadId));
  return sendInBatches(chunk(ids, LEAD_BATCH_SIZE), (batch) =>
    context.transport.call<ListMemberResult>({
      operation,
      method: 'GET',
      path: `/rest/v1/lists/${list}/leads/ismember.json`,
      query: { id: batch },
      idempotent: true,
      defaultTimeoutMs: LIST_TIMEOUTS_MS.default,
    }),
  );
}

async function changeMembers(
  context: LeadContext,
  operation: string,
  method: 'POST' | 'DELETE',
  listId: number | string,
  leadIds: readonly (number | string)[],
): Promise<RestResponse<ListMemberResult>> {
  const list = validId(operation, 'list id', listId);
  requireItems(operation, 'leadIds', leadIds);
  const ids = leadIds.map((leadId) => Number(validId(operation, 'lead id', leadId)));
  return sendInBatches(chunk(ids, LEAD_BATCH_SIZE), (batch) =>
    context.transport.call<ListMemberResult>({
      operation,
      method,
      path: `/rest/v1/lists/${list}/leads.json`,
      body: { input: batch.map((id) => ({ id })) },
      idempotent: true,
      defaultTimeoutMs: LIST_TIMEOUTS_MS.default,
    }),
  );
}

export async function getLeadsByListId(
  context: LeadContext,
  listId: number | string,
  request: PagedLeadRead = {},
): Promise<RestResponse<Lead>> {
  const list = validId('getLeadsByListId', 'list id', listId);
  return context.transport.call<Lead>(
    await pagedLeadSpec(context, 'getLeadsByListId', `/rest/v1/lists/${list}/leads.json`, request),
  );
}

export async function* iterateLeadsByListId(
  context: LeadContext,
  listId: number | string,
  request: PagedLeadRead = {},
): AsyncGenerator<Lead, void, undefined> {
  const fetchPage = (token: string | undefined) =>
    getLeadsByListId(context, listId, { ...request, nextPageToken: token });
  for await (const page of iteratePages(fetchPage, request.nextPageToken)) yield* page.result;
}

/** Get Leads by Program Id. Each lead carries a `membership` object. */
export async function getLeadsByProgramId(
  context: LeadContext,
  programId: number | string,
  request: PagedLeadRead = {},
): Promise<RestResponse<ProgramMember>> {
  const program = validId('getLeadsByProgramId', 'program id', programId);
  const path = `/rest/v1/leads/programs/${program}.json`;
  return context.transport.call<ProgramMember>(
    await pagedLeadSpec(context, 'getLeadsByProgramId', path, request),
  );
}

export async function* iterateLeadsByProgramId(
  context: LeadContext,
  programId: number | string,
  request: PagedLeadRead = {},
): AsyncGenerator<ProgramMember, void, undefined> {
  const fetchPage = (token: string | undefined) =>
    getLeadsByProgramId(context, programId, { ...request, nextPageToken: token });
  for await (const page of iteratePages(fetchPage, request.nextPageToken)) yield* page.result;
}

async function pagedLeadSpec(
  context: LeadContext,
  operation: string,
  path: string,
  request: PagedLeadRead,
): Promise<CallSpec> {
  if (request.batchSize !== undefined) {
    const { batchSize } = request;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > LEAD_BATCH_SIZE) {
      throw new TypeError(
        `${operation}: invalid batchSize ${batchSize}. Expected 1 to ${LEAD_BATCH_SIZE}.`,
      );
    }
  }
  let fields = request.fields;
  if (request.allFields) {
    const described = await context.leadFields();
    fields = described.flatMap((field) => (field.rest ? [field.rest.name] : []));
  }
  return {
    operation,
    method: 'GET',
    path,
    query: {
      fields: fields !== undefined && fields.length > 0 ? fields : undefined,
      batchSize: request.batchSize,
      nextPageToken: request.nextPageToken,
    },
    idempotent: true,
    defaultTimeoutMs:
      operation === 'getLeadsByListId'
        ? LIST_TIMEOUTS_MS.getLeadsByListId
        : LIST_TIMEOUTS_MS.default,
  };
}
