/**
 * Routes of the fake server for static lists, program members, merges, forms, partitions,
 * activities and campaigns. Each route turns HTTP parameters into a call on the model.
 */
import { ModelError } from './model.js';
import { csv } from './params.js';
import type { ApiCall, Route, RouteAnswer } from './server.js';

export const RECORD_ROUTES: readonly Route[] = [
  {
    operation: 'getLists',
    method: 'GET',
    pattern: /^\/rest\/v1\/lists\.json$/,
    handle: (model, call) => {
      const request: Parameters<typeof model.records.getLists>[0] = {};
      const ids = numbers(call.params['id']);
      if (ids !== undefined) request.id = ids;
      const names = csv(call.params['name']);
      if (names !== undefined) request.name = names;
      const programs = csv(call.params['programName']);
      if (programs !== undefined) request.programName = programs;
      const workspaces = csv(call.params['workspaceName']);
      if (workspaces !== undefined) request.workspaceName = workspaces;
      Object.assign(request, paging(call));
      return pageAnswer(model.records.getLists(request));
    },
  },
  {
    operation: 'addToList',
    method: 'POST',
    pattern: /^\/rest\/v1\/lists\/(\d+)\/leads\.json$/,
    handle: (model, call) => ({
      result: model.records.addToList(Number(call.match[1]), inputIds(call)),
    }),
  },
  {
    operation: 'removeFromList',
    method: 'DELETE',
    pattern: /^\/rest\/v1\/lists\/(\d+)\/leads\.json$/,
    handle: (model, call) => ({
      result: model.records.removeFromList(Number(call.match[1]), inputIds(call)),
    }),
  },
  {
    operation: 'memberOfList',
    method: 'GET',
    pattern: /^\/rest\/v1\/lists\/(\d+)\/leads\/ismember\.json$/,
    handle: (model, call) => ({
      result: model.records.isMemberOfList(Number(call.match[1]), numbers(call.params['id']) ?? []),
    }),
  },
  {
    operation: 'getLeadsByListId',
    method: 'GET',
    pattern: /^\/rest\/v1\/lists\/(\d+)\/leads\.json$/,
    handle: (model, call) =>
      pageAnswer(model.records.getListMembers(Number(call.match[1]), leadPaging(call))),
  },
  {
    operation: 'getLeadsByProgramId',
    method: 'GET',
    pattern: /^\/rest\/v1\/leads\/programs\/(\d+)\.json$/,
    handle: (model, call) =>
      pageAnswer(model.records.getProgramMembers(Number(call.match[1]), leadPaging(call))),
  },
  {
    operation: 'mergeLeads',
    method: 'POST',
    pattern: /^\/rest\/v1\/leads\/(\d+)\/merge\.json$/,
    handle: (model, call) => {
      const losers = numbers(call.params['leadIds'] ?? call.params['leadId']) ?? [];
      const mergeInCRM = call.params['mergeInCRM'] === 'true';
      model.records.mergeLeads(Number(call.match[1]), losers, mergeInCRM);
      return {};
    },
  },
  {
    operation: 'submitForm',
    method: 'POST',
    pattern: /^\/rest\/v1\/leads\/submitForm\.json$/,
    handle: (model, call) => {
      const body = objectBody(call);
      const input = Array.isArray(body['input']) ? body['input'] : [];
      return { result: model.records.submitForm(Number(body['formId']), input) };
    },
  },
  {
    operation: 'describeLead2',
    method: 'GET',
    pattern: /^\/rest\/v1\/leads\/describe2\.json$/,
    handle: (model) => ({ result: model.records.describeLead2() }),
  },
  {
    operation: 'getLeadPartitions',
    method: 'GET',
    pattern: /^\/rest\/v1\/leads\/partitions\.json$/,
    handle: (model) => ({ result: model.records.partitions.map((entry) => ({ ...entry })) }),
  },
  {
    operation: 'getActivityTypes',
    method: 'GET',
    pattern: /^\/rest\/v1\/activities\/types\.json$/,
    handle: (model) => ({ result: structuredClone(model.records.activityTypes) }),
  },
  {
    operation: 'getPagingToken',
    method: 'GET',
    pattern: /^\/rest\/v1\/activities\/pagingtoken\.json$/,
    handle: (model, call) => ({
      nextPageToken: model.records.pagingToken(call.params['sinceDatetime']),
    }),
  },
  {
    operation: 'getLeadActivities',
    method: 'GET',
    pattern: /^\/rest\/v1\/activities\.json$/,
    handle: (model, call) => {
      const page = model.records.getLeadActivities({
        ...activityFilters(call),
        activityTypeIds: numbers(call.params['activityTypeIds']) ?? [],
      });
      return {
        result: page.records,
        nextPageToken: page.nextPageToken,
        moreResult: page.moreResult,
      };
    },
  },
  {
    operation: 'getLeadChanges',
    method: 'GET',
    pattern: /^\/rest\/v1\/activities\/leadchanges\.json$/,
    handle: (model, call) => {
      const page = model.records.getLeadChanges({
        ...activityFilters(call),
        fields: csv(call.params['fields']) ?? [],
      });
      return {
        result: page.records,
        nextPageToken: page.nextPageToken,
        moreResult: page.moreResult,
      };
    },
  },
  {
    operation: 'requestCampaign',
    method: 'POST',
    pattern: /^\/rest\/v1\/campaigns\/(\d+)\/trigger\.json$/,
    handle: (model, call) => {
      const input = objectOf(objectBody(call)['input']);
      const leads = Array.isArray(input['leads']) ? (input['leads'] as { id?: unknown }[]) : [];
      const tokens = Array.isArray(input['tokens']) ? input['tokens'] : [];
      const campaignId = Number(call.match[1]);
      model.records.triggerCampaign(
        campaignId,
        leads.map((lead) => Number(lead.id)),
        tokens,
      );
      return { result: [{ id: campaignId }] };
    },
  },
  {
    operation: 'scheduleCampaign',
    method: 'POST',
    pattern: /^\/rest\/v1\/campaigns\/(\d+)\/schedule\.json$/,
    handle: (model, call) => {
      const campaignId = Number(call.match[1]);
      model.records.scheduleCampaign(campaignId, objectOf(objectBody(call)['input']));
      return { result: [{ id: campaignId }] };
    },
  },
  {
    operation: 'getSmartCampaigns',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/smartCampaigns\.json$/,
    handle: (model, call) => {
      const request: Parameters<typeof model.records.getSmartCampaigns>[0] = {};
      if (call.params['isActive'] !== undefined)
        request.isActive = call.params['isActive'] === 'true';
      const folder = call.params['folder'];
      if (folder !== undefined) request.folder = parseFolder(folder);
      Object.assign(request, offsetPaging(call));
      return assetAnswer(model.records.getSmartCampaigns(request));
    },
  },
  {
    operation: 'getSmartCampaignByName',
    method: 'GET',
    pattern: /^\/rest\/asset\/v1\/smartCampaign\/byName\.json$/,
    handle: (model, call) =>
      assetAnswer(model.records.smartCampaignByName(call.params['name'] ?? '')),
  },
];

/** Returns the envelope of an Asset API read. An empty result has warning 702 instead. */
export function assetAnswer(records: unknown[]): RouteAnswer {
  if (records.length > 0) return { result: records };
  return { warnings: [{ code: 702, message: 'No assets found for the given search criteria.' }] };
}

export function offsetPaging(call: ApiCall): { maxReturn?: number; offset?: number } {
  const output: { maxReturn?: number; offset?: number } = {};
  if (call.params['maxReturn'] !== undefined) output.maxReturn = Number(call.params['maxReturn']);
  if (call.params['offset'] !== undefined) output.offset = Number(call.params['offset']);
  return output;
}

export function paging(call: ApiCall): { batchSize?: number; nextPageToken?: string } {
  const output: { batchSize?: number; nextPageToken?: string } = {};
  if (call.params['batchSize'] !== undefined) output.batchSize = Number(call.params['batchSize']);
  if (call.params['nextPageToken'] !== undefined)
    output.nextPageToken = call.params['nextPageToken'];
  return output;
}

export function pageAnswer(page: { records: unknown[]; nextPageToken?: string }): RouteAnswer {
  const answer: RouteAnswer = {
    result: page.records,
    moreResult: page.nextPageToken !== undefined,
  };
  if (page.nextPageToken !== undefined) answer.nextPageToken = page.nextPageToken;
  return answer;
}

export function numbers(value: string | undefined): number[] | undefined {
  return csv(value)?.map(Number);
}

export function objectBody(call: ApiCall): Record<string, unknown> {
  if (typeof call.json !== 'object' || call.json === null) {
    throw new ModelError('609', 'Invalid JSON: the body must be an object');
  }
  return call.json as Record<string, unknown>;
}

/** Parses a `folder={"id":12,"type":"Folder"}` parameter, or throws 1003. */
export function parseFolder(text: string): { id: number; type: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ModelError('1003', `Invalid folder ${text}`);
  }
  const folder = objectOf(value);
  if (typeof folder['id'] !== 'number' || typeof folder['type'] !== 'string') {
    throw new ModelError('1003', `Invalid folder ${text}`);
  }
  return { id: folder['id'], type: folder['type'] };
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function leadPaging(call: ApiCall): {
  fields?: string[];
  batchSize?: number;
  nextPageToken?: string;
} {
  const output: { fields?: string[]; batchSize?: number; nextPageToken?: string } = paging(call);
  const fields = csv(call.params['fields']);
  if (fields !== undefined) output.fields = fields;
  return output;
}

function activityFilters(call: ApiCall): {
  nextPageToken?: string;
  leadIds?: number[];
  listId?: number;
  batchSize?: number;
} {
  const output: {
    nextPageToken?: string;
    leadIds?: number[];
    listId?: number;
    batchSize?: number;
  } = paging(call);
  const leadIds = numbers(call.params['leadIds']);
  if (leadIds !== undefined) output.leadIds = leadIds;
  if (call.params['listId'] !== undefined) output.listId = Number(call.params['listId']);
  return output;
}

// Lead ids of a list call: `{ input: [{ id }] }` in the body, else `id` query parameters.
function inputIds(call: ApiCall): number[] {
  const body = call.json as { input?: { id?: unknown }[] } | undefined;
  if (Array.isArray(body?.input)) return body.input.map((entry) => Number(entry.id));
  return numbers(call.params['id']) ?? [];
}
