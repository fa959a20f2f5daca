/**
 * Lookups that turn the names and lead keys SOAP accepted into the ids REST requires.
 */
import { iterateAssets } from './assets.js';
import { requireItems, validId, validName } from './batch.js';
import {
  getSmartCampaignByName,
  getSmartCampaigns,
  type GetSmartCampaignsRequest,
  type SmartCampaign,
} from './campaigns.js';
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import { leadFilterType } from './lead-keys.js';
import { chunk, iterateLeadsByFilterType, LEAD_BATCH_SIZE, type LeadContext } from './leads.js';
import { iterateLists, type GetListsRequest, type StaticList } from './lists.js';
import { getProgramByName } from './programs.js';

/** A SOAP `LeadKey`, such as `{ keyType: 'EMAIL', keyValue: 'ada@example.com' }`. */
export interface SoapLeadKey {
  keyType: string;
  keyValue: string | number;
}

/** The names SOAP requestCampaign and scheduleCampaign took in place of a campaign id. */
export interface CampaignNameRef {
  programName: string;
  campaignName: string;
}

/** A static list by name, as SOAP's MKTOLISTNAME list key gave it. */
export interface ListNameRef {
  listName: string;
  /** Narrows the lookup when several programs have a list of that name. */
  programName?: string;
}

/**
 * Returns one lead id per key, in key order. IDNUM values are checked and passed through
 * without a call. EMAIL keys are looked up in calls of 300 values. Every other key type takes
 * one Get Leads by Filter Type call per distinct value, because only the email field is sure to
 * be readable for matching the leads back to their keys.
 * Throws MarketoError 20103 `Lead Not Found` for keys that match no lead, and
 * `MULTIPLE_LEADS_MATCH` for keys that match several, since the caller expects one lead each.
 * NOTE: SOAP's behaviour for a key matching several leads is not documented. Failing is the
 * cautious choice for campaigns and merges.
 */
export async function resolveLeadIds(
  context: LeadContext,
  leadKeys: readonly SoapLeadKey[],
): Promise<number[]> {
  const operation = 'resolveLeadIds';
  requireItems(operation, 'leadKeys', leadKeys);
  const keys = leadKeys.map((key, index) => normalizeKey(operation, key, index));

  const matches = new Map<string, number[]>();
  const emails = unique(keys.filter((key) => key.filterType === 'email').map((key) => key.value));
  for (const batch of chunk(emails, LEAD_BATCH_SIZE)) {
    for (const value of batch) matches.set(matchKey('email', value), []);
    const request = { filterType: 'email', filterValues: batch, fields: ['email'] };
    for await (const lead of iterateLeadsByFilterType(context, request)) {
      const email = typeof lead['email'] === 'string' ? lead['email'] : '';
      matches.get(matchKey('email', email))?.push(lead.id);
    }
  }

  const others = keys.filter((key) => key.filterType !== 'email' && key.filterType !== 'id');
  const pending = new Map<string, { filterType: string; value: string }>();
  for (const key of others) pending.set(matchKey(key.filterType, key.value), key);
  await Promise.all(
    [...pending.entries()].map(async ([name, key]) => {
      const request = { filterType: key.filterType, filterValues: [key.value], fields: ['id'] };
      const ids: number[] = [];
      for await (const lead of iterateLeadsByFilterType(context, request)) {
        ids.push(lead.id);
        if (ids.length > 1) break;
      }
      matches.set(name, ids);
    }),
  );

  const missing: number[] = [];
  const ambiguous: number[] = [];
  const leadIds = keys.map((key, index) => {
    if (key.filterType === 'id') return Number(key.value);
    const ids = unique(matches.get(matchKey(key.filterType, key.value)) ?? []);
    if (ids.length === 0) missing.push(index);
    if (ids.length > 1) ambiguous.push(index);
    return ids[0] ?? 0;
  });
  if (missing.length > 0) {
    throw new MarketoError(`Lead Not Found: no lead matches the ${describeKeys(keys, missing)}.`, {
      code: CLIENT_ERROR_CODES.leadNotFound,
      soapCode: '20103',
      operation,
    });
  }
  if (ambiguous.length > 0) {
    throw new MarketoError(
      `Marketo ${operation} failed: several leads match the ${describeKeys(keys, ambiguous)}, ` +
        'but each key must name one lead. Use IDNUM keys, or merge the duplicate leads.',
      { code: CLIENT_ERROR_CODES.multipleLeadsMatch, operation },
    );
  }
  return leadIds;
}

/**
 * Returns the id of the smart campaign named `campaignName` in the program `programName`.
 * Get Smart Campaign by Name returns one campaign even when several programs have a campaign of
 * that name, so a campaign of another program is followed by a browse of the program's
 * campaigns, then of all campaigns. Throws MarketoError 20113 `Campaign Not Found` when the
 * program or the campaign does not exist.
 */
export async function resolveCampaignId(
  context: LeadContext,
  ref: CampaignNameRef,
): Promise<number> {
  const operation = 'resolveCampaignId';
  const programName = validName(operation, 'programName', ref.programName);
  const campaignName = validName(operation, 'campaignName', ref.campaignName);

  const program = (await getProgramByName(context, programName)).result[0];
  if (program === undefined) {
    throw campaignNotFound(`no program is named ${JSON.stringify(programName)}`);
  }
  const inProgram = (campaign: SmartCampaign) =>
    campaign.name === campaignName && belongsTo(campaign, program.id);

  const byName = (await getSmartCampaignByName(context, campaignName)).result[0];
  if (byName !== undefined && inProgram(byName)) return byName.id;

  const read = (page: GetSmartCampaignsRequest) => getSmartCampaigns(context, page);
  const browses: GetSmartCampaignsRequest[] = [{ folder: { id: program.id, type: 'Program' } }, {}];
  for (const request of browses) {
    for await (const campaign of iterateAssets(read, request)) {
      if (inProgram(campaign)) return campaign.id;
    }
  }
  throw campaignNotFound(
    `program ${JSON.stringify(programName)} has no smart campaign named ` +
      JSON.stringify(campaignName),
  );
}

/**
 * Returns the id of the static list `listName`, through Get Lists filtered by name (and
 * program). When several lists match, the one whose name has the same case wins if it is the
 * only one. Throws MarketoError 20111 `List Not Found` when none matches, and
 * `MULTIPLE_LISTS_MATCH` when the name stays ambiguous.
 */
export async function resolveListId(context: LeadContext, ref: ListNameRef): Promise<number> {
  const operation = 'resolveListId';
  const listName = validName(operation, 'listName', ref.listName);
  const request: GetListsRequest = { name: [listName] };
  if (ref.programName !== undefined) {
    request.programName = [validName(operation, 'programName', ref.programName)];
  }
  const found: StaticList[] = [];
  for await (const list of iterateLists(context, request)) found.push(list);

  const sameCase = found.filter((list) => list.name === listName);
  // One list with the name matches, or else one whose name has the same case.
  let match: StaticList | undefined;
  if (found.length === 1) match = found[0];
  else if (sameCase.length === 1) match = sameCase[0];
  if (match !== undefined) return match.id;
  const where =
    ref.programName === undefined ? '' : ` in program ${JSON.stringify(ref.programName)}`;
  if (found.length === 0) {
    throw new MarketoError(
      `List Not Found: no static list is named ${JSON.stringify(listName)}${where}.`,
      { code: CLIENT_ERROR_CODES.listNotFound, soapCode: '20111', operation },
    );
  }
  throw new MarketoError(
    `Marketo ${operation} failed: ${found.length} static lists are named ` +
      `${JSON.stringify(listName)}${where} (ids ${found.map((list) => list.id).join(', ')}). ` +
      'Give programName, or use the list id.',
    { code: CLIENT_ERROR_CODES.multipleListsMatch, operation },
  );
}

function campaignNotFound(reason: string): MarketoError {
  return new MarketoError(`Campaign Not Found: ${reason}.`, {
    code: CLIENT_ERROR_CODES.campaignNotFound,
    soapCode: '20113',
    operation: 'resolveCampaignId',
  });
}

// `parentProgramId` is set for campaigns anywhere under a program. A campaign directly in the
// program may carry only its folder.
function belongsTo(campaign: SmartCampaign, programId: number): boolean {
  if (campaign.parentProgramId !== undefined) return campaign.parentProgramId === programId;
  return campaign.folder?.type === 'Program' && campaign.folder.id === programId;
}

interface NormalizedKey {
  keyType: string;
  filterType: string;
  value: string;
}

function normalizeKey(operation: string, key: SoapLeadKey, index: number): NormalizedKey {
  if (typeof key !== 'object' || key === null || typeof key.keyType !== 'string') {
    throw new TypeError(`${operation}: leadKeys[${index}] must be an object with a keyType.`);
  }
  const filterType = leadFilterType(key.keyType);
  const raw = key.keyValue;
  if ((typeof raw !== 'string' && typeof raw !== 'number') || String(raw).trim() === '') {
    throw new TypeError(`${operation}: leadKeys[${index}].keyValue is missing.`);
  }
  const value = filterType === 'id' ? validId(operation, 'lead id', raw) : String(raw);
  if (value.includes(',')) {
    throw new TypeError(
      `${operation}: leadKeys[${index}].keyValue contains a comma, which Get Leads by Filter ` +
        'Type cannot take.',
    );
  }
  return { keyType: key.keyType, filterType, value };
}

// Marketo matches email addresses case-insensitively. Other values are compared exactly.
function matchKey(filterType: string, value: string): string {
  return `${filterType}:${filterType === 'email' ? value.toLowerCase() : value}`;
}

// Names the key types and positions, not the values, which are personal data.
function describeKeys(keys: readonly NormalizedKey[], positions: readonly number[]): string {
  const listed = positions.map((index) => `${keys[index]?.keyType} key at index ${index}`);
  return listed.length === 1 ? (listed[0] ?? '') : `keys ${listed.join(', ')}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
