import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  freshName,
  leadIdsCode,
  readLeadKeys,
  requestObject,
  staticTokenCount,
  tokensCode,
} from './soap-request.js';

/** Leads and tokens that one Request Campaign call accepts. */
const MAX_LEADS = 100;
const MAX_TOKENS = 100;

/**
 * requestCampaign becomes Request Campaign on the campaign id. A campaign given by program and
 * campaign name is looked up with `resolveCampaignId`, and lead keys other than IDNUM with
 * `resolveLeadIds`. `programTokenList.attrib` entries already have the `{ name, value }` shape
 * of REST tokens. REST has no campaign source, so `source: 'SALES'` is marked.
 */
export const requestCampaign: OperationRecipe = {
  operation: 'requestCampaign',
  restEndpoints: [
    'POST /rest/v1/campaigns/{campaignId}/trigger.json',
    'GET /rest/asset/v1/smartCampaign/byName.json',
    'GET /rest/v1/leads.json',
  ],
  summary:
    'Rewrites requestCampaign to Request Campaign, resolving campaign names and non-IDNUM lead keys to ids.',
  resultShape: {
    arrays: {},
    values: { 'result.success': { rest: 'success' } },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.requestCampaign(campaignId, { leadIds, tokens }).',
      );
    }
    const notes: string[] = [];
    const source = propertyValue(object, 'source');
    const sourceName = staticString(source);
    if (sourceName === 'SALES') {
      return unconvertible(
        "source 'SALES' requests a Sales Insight campaign, which the REST API cannot trigger. Trigger the campaign from Sales Insight, or change it to accept web service API requests.",
      );
    }
    if (source && sourceName === null) {
      notes.push(
        "requestCampaign: the source is computed at run time, and REST triggers only campaigns requested through the web service API. If the source can be 'SALES', handle that case by hand.",
      );
    }

    const slots = new SlotList();
    const campaign = readCampaign(object);
    if ('unconvertible' in campaign) return campaign;
    const leadKeys = readLeadKeys(
      'requestCampaign',
      context.resolve(propertyValue(object, 'leadList')),
      context.resolve,
    );
    if ('unconvertible' in leadKeys) return leadKeys;
    if (leadKeys.kind === 'static' && leadKeys.keys.length > MAX_LEADS) {
      notes.push(
        `requestCampaign: SOAP ignored lead keys past the first ${MAX_LEADS}, but the REST client triggers the campaign for all of them, ${MAX_LEADS} per call. Check that this is intended.`,
      );
    }
    const tokenList = propertyValue(object, 'programTokenList');
    if ((staticTokenCount(tokenList, context.resolve) ?? 0) > MAX_TOKENS) {
      return unconvertible(
        `Request Campaign accepts at most ${MAX_TOKENS} tokens per call. Trim programTokenList, then run the migration again.`,
      );
    }

    const lookups: Array<{ param: string; promise: string }> = [];
    // Nodes that the call inside `.then` reads, after the lookups finish.
    const deferred: AstNode[] = [];
    let campaignCode = 'campaignId';
    if (campaign.kind === 'id') {
      campaignCode = slots.add(campaign.id);
      deferred.push(campaign.id);
    } else {
      const promise = `__client.resolveCampaignId({ programName: ${slots.add(campaign.programName)}, campaignName: ${slots.add(campaign.campaignName)} })`;
      lookups.push({ param: 'campaignId', promise });
    }
    const ids = leadIdsCode(leadKeys, slots);
    let leadsCode = 'leadIds';
    if (ids.kind === 'ids') {
      leadsCode = `[${ids.ids.join(', ')}]`;
      if (leadKeys.kind === 'static') deferred.push(...leadKeys.keys.map((key) => key.keyValue));
    } else {
      lookups.push({ param: 'leadIds', promise: ids.promise });
    }
    const tokenStart = slots.nodes.length;
    const tokens = tokensCode(tokenList, context.resolve, slots);
    deferred.push(...slots.nodes.slice(tokenStart));
    for (const lookup of lookups) {
      const name = freshName(lookup.param, slots);
      if (name !== lookup.param) {
        campaignCode = campaignCode === lookup.param ? name : campaignCode;
        leadsCode = leadsCode === lookup.param ? name : leadsCode;
        lookup.param = name;
      }
    }
    const input = [leadsCode === 'leadIds' ? leadsCode : `leadIds: ${leadsCode}`];
    if (tokens) input.push(`tokens: ${tokens}`);
    const call = `__client.requestCampaign(${campaignCode}, { ${input.join(', ')} })`;
    const chained = afterLookups('requestCampaign', lookups, call, deferred, context.callPath);

    const result: RestCall = {
      expression: chained.code,
      steps: [],
      view: '__client.soapView.requestCampaign',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...notes, ...chained.notes],
    };
    return result;
  },
};

type Campaign =
  { kind: 'id'; id: AstNode } | { kind: 'names'; programName: AstNode; campaignName: AstNode };

function readCampaign(request: AstNode): Campaign | Unconvertible {
  const id = propertyValue(request, 'campaignId');
  const programName = propertyValue(request, 'programName');
  const campaignName = propertyValue(request, 'campaignName');
  if (id && !programName && !campaignName) return { kind: 'id', id };
  if (!id && programName && campaignName) return { kind: 'names', programName, campaignName };
  return unconvertible(
    'give either campaignId alone or programName with campaignName, as SOAP required. Fix the request, then run the migration again.',
  );
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `requestCampaign: ${reason}` };
}
