/** Activity types, paging tokens, Get Lead Activities and Get Lead Changes. */
import { requireItems, validId } from './batch.js';
import { chunk, LEAD_BATCH_SIZE, type LeadContext } from './leads.js';
import { iteratePages, joinResponses } from './paging.js';
import type { CallSpec } from './transport.js';
import type { RestResponse } from './types.js';

/** Activity type ids per Get Lead Activities call. */
export const ACTIVITY_TYPE_IDS_PER_CALL = 10;
/** Lead ids per Get Lead Activities or Get Lead Changes call. */
export const ACTIVITY_LEAD_IDS_PER_CALL = 30;

/** Lead Database endpoints time out at 30 s on the server, and the client waits 10 s more. */
const ACTIVITY_TIMEOUT_MS = 40_000;

export interface ActivityTypeAttribute {
  name: string;
  dataType: string;
  apiName?: string;
}

export interface ActivityType {
  id: number;
  name: string;
  description?: string;
  primaryAttribute?: { name: string; dataType: string };
  attributes?: ActivityTypeAttribute[];
}

export interface Activity {
  id?: number;
  marketoGUID?: string;
  leadId: number;
  activityDate: string;
  activityTypeId: number;
  campaignId?: number;
  primaryAttributeValueId?: number;
  primaryAttributeValue?: string;
  attributes?: { name: string; value: unknown; apiName?: string }[];
}

export interface LeadChange extends Omit<Activity, 'primaryAttributeValue'> {
  fields: { id: number; name: string; newValue: unknown; oldValue: unknown }[];
}

interface ActivityReadBase {
  /** A token from getPagingToken, or from the previous page. */
  nextPageToken: string;
  /** Up to 30 per call; more are read in groups of 30. Not with `listId`. */
  leadIds?: readonly number[];
  /** Static list whose members' activities are read. Not with `leadIds`. */
  listId?: number;
  /** Records per page, at most 300 (the default). */
  batchSize?: number;
}

export interface GetLeadActivitiesRequest extends ActivityReadBase {
  /** Required. Up to 10 per call; more are read in groups of 10. */
  activityTypeIds: readonly number[];
  /** Only with exactly one activity type id. */
  assetIds?: readonly number[];
}

export interface GetLeadChangesRequest extends ActivityReadBase {
  /** REST names of the lead fields whose changes are returned. Required. */
  fields: readonly string[];
}

export function getActivityTypes(context: LeadContext): Promise<RestResponse<ActivityType>> {
  return context.transport.call<ActivityType>({
    operation: 'getActivityTypes',
    method: 'GET',
    path: '/rest/v1/activities/types.json',
    idempotent: true,
    defaultTimeoutMs: ACTIVITY_TIMEOUT_MS,
  });
}

/** Get Paging Token: the response's `nextPageToken` starts a read at `sinceDatetime`. */
export async function getPagingToken(
  context: LeadContext,
  sinceDatetime: string | Date,
): Promise<RestResponse<never>> {
  const since = sinceDatetime instanceof Date ? sinceDatetime.toISOString() : sinceDatetime;
  if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) {
    throw new TypeError(
      `getPagingToken: invalid sinceDatetime ${JSON.stringify(sinceDatetime)}. Expected an ` +
        'ISO 8601 date-time such as 2024-01-31T00:00:00Z.',
    );
  }
  return context.transport.call<never>({
    operation: 'getPagingToken',
    method: 'GET',
    path: '/rest/v1/activities/pagingtoken.json',
    query: { sinceDatetime: since },
    idempotent: true,
    defaultTimeoutMs: ACTIVITY_TIMEOUT_MS,
  });
}

/**
 * Reads one page of Get Lead Activities. With more than 10 activity type ids or 30 lead ids,
 * it reads every page of each group from the same token and returns the activities of all
 * groups sorted by `activityDate`, without a `nextPageToken`.
 */
export async function getLeadActivities(
  context: LeadContext,
  request: GetLeadActivitiesRequest,
): Promise<RestResponse<Activity>> {
  validateActivityRequest('getLeadActivities', request);
  const groups = activityGroups(request);
  const [only] = groups;
  if (groups.length === 1 && only !== undefined) {
    return context.transport.call<Activity>(activitiesSpec(request, only, request.nextPageToken));
  }
  const pages: RestResponse<Activity>[] = [];
  for (const group of groups) {
    const fetchPage = (token: string | undefined) =>
      context.transport.call<Activity>(activitiesSpec(request, group, token));
    for await (const page of iteratePages(fetchPage, request.nextPageToken, 'moreResultOnly')) {
      pages.push(page);
    }
  }
  return sortedByDate(joinResponses(pages));
}

/** Yields every activity from the token on, following `nextPageToken` while `moreResult`. */
export async function* iterateLeadActivities(
  context: LeadContext,
  request: GetLeadActivitiesRequest,
): AsyncGenerator<Activity, void, undefined> {
  validateActivityRequest('getLeadActivities', request);
  if (activityGroups(request).length > 1) {
    yield* (await getLeadActivities(context, request)).result;
    return;
  }
  const fetchPage = (token: string | undefined) =>
    getLeadActivities(context, { ...request, nextPageToken: token ?? request.nextPageToken });
  for await (const page of iteratePages(fetchPage, request.nextPageToken, 'moreResultOnly')) {
    yield* page.result;
  }
}

/**
 * Reads one page of Get Lead Changes (data value changes and new leads). More than 30 lead ids
 * are read in groups, each to its last page, and joined sorted by `activityDate`.
 */
export async function getLeadChanges(
  context: LeadContext,
  request: GetLeadChangesRequest,
): Promise<RestResponse<LeadChange>> {
  validateChangesRequest(request);
  const leadGroups = leadIdGroups(request.leadIds);
  const [only] = leadGroups;
  if (leadGroups.length === 1) {
    return context.transport.call<LeadChange>(
      leadChangesSpec(request, only, request.nextPageToken),
    );
  }
  const pages: RestResponse<LeadChange>[] = [];
  for (const leadIds of leadGroups) {
    const fetchPage = (token: string | undefined) =>
      context.transport.call<LeadChange>(leadChangesSpec(request, leadIds, token));
    for await (const page of iteratePages(fetchPage, request.nextPageToken, 'moreResultOnly')) {
      pages.push(page);
    }
  }
  return sortedByDate(joinResponses(pages));
}

export async function* iterateLeadChanges(
  context: LeadContext,
  request: GetLeadChangesRequest,
): AsyncGenerator<LeadChange, void, undefined> {
  validateChangesRequest(request);
  if (leadIdGroups(request.leadIds).length > 1) {
    yield* (await getLeadChanges(context, request)).result;
    return;
  }
  const fetchPage = (token: string | undefined) =>
    getLeadChanges(context, { ...request, nextPageToken: token ?? request.nextPageToken });
  for await (const page of iteratePages(fetchPage, request.nextPageToken, 'moreResultOnly')) {
    yield* page.result;
  }
}

interface ActivityGroup {
  activityTypeIds: readonly number[];
  leadIds: readonly number[] | undefined;
}

function activityGroups(request: GetLeadActivitiesRequest): ActivityGroup[] {
  const groups: ActivityGroup[] = [];
  for (const activityTypeIds of chunk(request.activityTypeIds, ACTIVITY_TYPE_IDS_PER_CALL)) {
    for (const leadIds of leadIdGroups(request.leadIds)) groups.push({ activityTypeIds, leadIds });
  }
  return groups;
}

function leadIdGroups(leadIds: readonly number[] | undefined): (readonly number[] | undefined)[] {
  if (leadIds === undefined || leadIds.length === 0) return [undefined];
  return chunk(leadIds, ACTIVITY_LEAD_IDS_PER_CALL);
}

function activitiesSpec(
  request: GetLeadActivitiesRequest,
  group: ActivityGroup,
  nextPageToken: string | undefined,
): CallSpec {
  return {
    operation: 'getLeadActivities',
    method: 'GET',
    path: '/rest/v1/activities.json',
    query: {
      nextPageToken,
      activityTypeIds: group.activityTypeIds,
      leadIds: group.leadIds,
      listId: request.listId,
      assetIds: request.assetIds,
      batchSize: request.batchSize,
    },
    idempotent: true,
    defaultTimeoutMs: ACTIVITY_TIMEOUT_MS,
  };
}

function leadChangesSpec(
  request: GetLeadChangesRequest,
  leadIds: readonly number[] | undefined,
  nextPageToken: string | undefined,
): CallSpec {
  return {
    operation: 'getLeadChanges',
    method: 'GET',
    path: '/rest/v1/activities/leadchanges.json',
    query: {
      nextPageToken,
      fields: request.fields,
      leadIds,
      listId: request.listId,
      batchSize: request.batchSize,
    },
    idempotent: true,
    defaultTimeoutMs: ACTIVITY_TIMEOUT_MS,
  };
}

function validateActivityRequest(operation: string, request: GetLeadActivitiesRequest): void {
  validateReadBase(operation, request);
  requireItems(operation, 'activityTypeIds', request.activityTypeIds);
  for (const typeId of request.activityTypeIds) validId(operation, 'activity type id', typeId);
  if (request.assetIds !== undefined && request.activityTypeIds.length !== 1) {
    throw new TypeError(`${operation}: assetIds requires exactly one activity type id.`);
  }
}

function validateChangesRequest(request: GetLeadChangesRequest): void {
  validateReadBase('getLeadChanges', request);
  requireItems('getLeadChanges', 'fields', request.fields);
}

function validateReadBase(operation: string, request: ActivityReadBase): void {
  if (typeof request.nextPageToken !== 'string' || request.nextPageToken === '') {
    throw new TypeError(
      `${operation}: nextPageToken is missing. Get one with getPagingToken(sinceDatetime).`,
    );
  }
  if (request.leadIds !== undefined && request.listId !== undefined) {
    throw new TypeError(`${operation}: give leadIds or listId, not both.`);
  }
  for (const leadId of request.leadIds ?? []) validId(operation, 'lead id', leadId);
  const { batchSize } = request;
  if (batchSize !== undefined) {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > LEAD_BATCH_SIZE) {
      throw new TypeError(
        `${operation}: invalid batchSize ${batchSize}. Expected 1 to ${LEAD_BATCH_SIZE}.`,
      );
    }
  }
}

// Array.prototype.sort is stable, so activities of the same time keep their group order.
function sortedByDate<T extends { activityDate: string }>(
  response: RestResponse<T>,
): RestResponse<T> {
  const time = (record: T) => Date.parse(record.activityDate);
  return { ...response, result: [...response.result].sort((a, b) => time(a) - time(b)) };
}
