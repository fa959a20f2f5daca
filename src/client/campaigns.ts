/** Request Campaign, Schedule Campaign, Get Smart Campaigns and Get Smart Campaign by Name. */
import {
  assetGet,
  iterateAssets,
  validateOffsetPage,
  type FolderRef,
  type OffsetPage,
} from './assets.js';
import { requireItems, sendInBatches, validId, validName } from './batch.js';
import { chunk, type LeadContext } from './leads.js';
import type { RestResponse } from './types.js';

/** Leads per Request Campaign call, and the most tokens one call takes. */
export const CAMPAIGN_LEADS_PER_CALL = 100;
export const CAMPAIGN_MAX_TOKENS = 100;

/** Lead Database endpoints time out at 30 s on the server, and the client waits 10 s more. */
const CAMPAIGN_TIMEOUT_MS = 40_000;

/** A My Token value, such as `{ name: '{{my.offer}}', value: 'Free trial' }`. */
export interface CampaignToken {
  name: string;
  value: string;
}

export interface RequestCampaignRequest {
  /** Ids of the leads to run through the campaign. Over 100 are sent in several calls. */
  leadIds: readonly (number | string)[];
  /** At most 100. Every call of a split request carries all of them. */
  tokens?: readonly CampaignToken[];
}

export interface ScheduleCampaignRequest {
  /** ISO 8601 date-time. Marketo runs the campaign no earlier than 5 minutes after the call. */
  runAt?: string;
  /** Clone the campaign's program under this name first. Marketo allows 20 such calls a day. */
  cloneToProgramName?: string;
  tokens?: readonly CampaignToken[];
}

/** The `result` of Request Campaign and Schedule Campaign: the campaign id. */
export interface CampaignIdResult {
  id: number;
}

export interface SmartCampaign {
  id: number;
  name: string;
  description?: string;
  type?: 'batch' | 'trigger' | 'default';
  isActive?: boolean;
  /** Active, with a "Campaign is Requested" trigger whose source is Web Service API. */
  isRequestable?: boolean;
  isSystem?: boolean;
  parentProgramId?: number;
  folder?: FolderRef;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

/** The filters of SOAP getCampaignsForSource, without its `source`. */
export interface GetRequestableSmartCampaignsRequest {
  /** Keeps campaigns whose name contains this text, or equals it with `exactName`. */
  name?: string;
  exactName?: boolean;
}

export interface GetSmartCampaignsRequest extends OffsetPage {
  isActive?: boolean;
  folder?: FolderRef;
  earliestUpdatedAt?: string;
  latestUpdatedAt?: string;
}

/**
 * Request Campaign (trigger): runs the leads through a trigger campaign. Over 100 leads are sent
 * in calls of 100, one after another. Not retried after it may have run.
 */
export async function requestCampaign(
  context: LeadContext,
  campaignId: number | string,
  request: RequestCampaignRequest,
): Promise<RestResponse<CampaignIdResult>> {
  const operation = 'requestCampaign';
  const campaign = validId(operation, 'campaign id', campaignId);
  requireItems(operation, 'leadIds', request.leadIds);
  const leadIds = request.leadIds.map((leadId) => Number(validId(operation, 'lead id', leadId)));
  const tokens = validTokens(operation, request.tokens);
  return sendInBatches(chunk(leadIds, CAMPAIGN_LEADS_PER_CALL), (batch) => {
    const input: Record<string, unknown> = { leads: batch.map((id) => ({ id })) };
    if (tokens !== undefined) input['tokens'] = tokens;
    return context.transport.call<CampaignIdResult>({
      operation,
      method: 'POST',
      path: `/rest/v1/campaigns/${campaign}/trigger.json`,
      body: { input },
      idempotent: false,
      defaultTimeoutMs: CAMPAIGN_TIMEOUT_MS,
    });
  });
}

/** Schedule Campaign: runs a batch campaign at `runAt`. Not retried after it may have run. */
export async function scheduleCampaign(
  context: LeadContext,
  campaignId: number | string,
  request: ScheduleCampaignRequest = {},
): Promise<RestResponse<CampaignIdResult>> {
  const operation = 'scheduleCampaign';
  const campaign = validId(operation, 'campaign id', campaignId);
  if (request.runAt !== undefined && Number.isNaN(Date.parse(request.runAt))) {
    throw new TypeError(`${operation}: invalid runAt ${JSON.stringify(request.runAt)}.`);
  }
  const input: Record<string, unknown> = {};
  if (request.runAt !== undefined) input['runAt'] = request.runAt;
  if (request.cloneToProgramName !== undefined) {
    input['cloneToProgramName'] = request.cloneToProgramName;
  }
  const tokens = validTokens(operation, request.tokens);
  if (tokens !== undefined) input['tokens'] = tokens;
  return context.transport.call<CampaignIdResult>({
    operation,
    method: 'POST',
    path: `/rest/v1/campaigns/${campaign}/schedule.json`,
    body: { input },
    idempotent: false,
    defaultTimeoutMs: CAMPAIGN_TIMEOUT_MS,
  });
}

export async function getSmartCampaigns(
  context: LeadContext,
  request: GetSmartCampaignsRequest = {},
): Promise<RestResponse<SmartCampaign>> {
  validateOffsetPage('getSmartCampaigns', request);
  return assetGet<SmartCampaign>(
    context,
    'getSmartCampaigns',
    '/rest/asset/v1/smartCampaigns.json',
    {
      isActive: request.isActive,
      folder: request.folder === undefined ? undefined : JSON.stringify(request.folder),
      earliestUpdatedAt: request.earliestUpdatedAt,
      latestUpdatedAt: request.latestUpdatedAt,
      maxReturn: request.maxReturn,
      offset: request.offset,
    },
  );
}

/** Exact-name lookup. No match gives an empty `result` with a warning. */
export async function getSmartCampaignByName(
  context: LeadContext,
  name: string,
): Promise<RestResponse<SmartCampaign>> {
  const operation = 'getSmartCampaignByName';
  return assetGet<SmartCampaign>(context, operation, '/rest/asset/v1/smartCampaign/byName.json', {
    name: validName(operation, 'name', name),
  });
}

/**
 * Returns the smart campaigns that Request Campaign accepts (`isRequestable`), as SOAP
 * getCampaignsForSource listed them for source MKTOWS. Without `exactName` it reads every page
 * of the active campaigns and keeps those whose name contains `name`, ignoring case. With
 * `exactName` it makes one Get Smart Campaign by Name call. The joined response has the
 * `requestId` of every call, comma-separated, and no warnings, because the page past the end
 * always carries warning 702.
 * NOTE: SOAP matched the name as a substring in Adobe's example. Its case sensitivity is not
 * documented, so the client ignores case.
 */
export async function getRequestableSmartCampaigns(
  context: LeadContext,
  request: GetRequestableSmartCampaignsRequest = {},
): Promise<RestResponse<SmartCampaign>> {
  const operation = 'getRequestableSmartCampaigns';
  const name = request.name === undefined ? undefined : validName(operation, 'name', request.name);
  if (request.exactName === true) {
    if (name === undefined) {
      throw new TypeError(`${operation}: exactName needs a name. Give the campaign name.`);
    }
    const response = await getSmartCampaignByName(context, name);
    return { ...response, result: response.result.filter(isRequestable) };
  }

  const pages: RestResponse<SmartCampaign>[] = [];
  const read = async (page: GetSmartCampaignsRequest) => {
    const response = await getSmartCampaigns(context, page);
    pages.push(response);
    return response;
  };
  const wanted = name?.toLowerCase();
  const result: SmartCampaign[] = [];
  for await (const campaign of iterateAssets(read, { isActive: true })) {
    if (!isRequestable(campaign)) continue;
    if (wanted !== undefined && !campaign.name.toLowerCase().includes(wanted)) continue;
    result.push(campaign);
  }
  return { requestId: pages.map((page) => page.requestId).join(','), success: true, result };
}

function isRequestable(campaign: SmartCampaign): boolean {
  return campaign.isRequestable === true;
}

function validTokens(
  operation: string,
  tokens: readonly CampaignToken[] | undefined,
): readonly CampaignToken[] | undefined {
  if (tokens === undefined || tokens.length === 0) return undefined;
  if (tokens.length > CAMPAIGN_MAX_TOKENS) {
    throw new TypeError(
      `${operation}: ${tokens.length} tokens given, but one call takes at most ` +
        `${CAMPAIGN_MAX_TOKENS}. Tokens cannot be split across calls.`,
    );
  }
  return tokens;
}
