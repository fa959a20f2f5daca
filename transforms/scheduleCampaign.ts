import { type AstNode, propertyValue } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  freshName,
  requestObject,
  staticTokenCount,
  tokensCode,
} from './soap-request.js';

/** Tokens that one Schedule Campaign call accepts, as for Request Campaign. */
const MAX_TOKENS = 100;

/**
 * scheduleCampaign becomes Schedule Campaign on the campaign id that `resolveCampaignId` finds
 * for the program and campaign names. `campaignRunAt` becomes `runAt`, and
 * `programTokenList.attrib` becomes `tokens`. REST runs a campaign no sooner than five minutes
 * after the call, so a call without `campaignRunAt` gets a note.
 */
export const scheduleCampaign: OperationRecipe = {
  operation: 'scheduleCampaign',
  restEndpoints: [
    'POST /rest/v1/campaigns/{campaignId}/schedule.json',
    'GET /rest/asset/v1/smartCampaign/byName.json',
  ],
  summary:
    'Rewrites scheduleCampaign to Schedule Campaign, resolving the program and campaign names to a campaign id.',
  resultShape: {
    arrays: {},
    values: { 'result.success': { rest: 'success' } },
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.resolveCampaignId({ programName, campaignName }) followed by client.scheduleCampaign(campaignId, { runAt, tokens }).',
      );
    }
    const programName = propertyValue(object, 'programName');
    const campaignName = propertyValue(object, 'campaignName');
    if (!programName || !campaignName) {
      return unconvertible(
        'the request needs both programName and campaignName, as SOAP required. Add the missing name, then run the migration again.',
      );
    }
    const tokenList = propertyValue(object, 'programTokenList');
    if ((staticTokenCount(tokenList, context.resolve) ?? 0) > MAX_TOKENS) {
      return unconvertible(
        `Schedule Campaign accepts at most ${MAX_TOKENS} tokens per call. Trim programTokenList, then run the migration again.`,
      );
    }

    const slots = new SlotList();
    const promise = `__client.resolveCampaignId({ programName: ${slots.add(programName)}, campaignName: ${slots.add(campaignName)} })`;
    const deferredFrom = slots.nodes.length;
    const input: string[] = [];
    const runAt = propertyValue(object, 'campaignRunAt');
    if (runAt) input.push(`runAt: ${slots.add(runAt)}`);
    const cloneTo = propertyValue(object, 'cloneToProgramName');
    if (cloneTo) input.push(`cloneToProgramName: ${slots.add(cloneTo)}`);
    const tokens = tokensCode(tokenList, context.resolve, slots);
    if (tokens) input.push(`tokens: ${tokens}`);
    const deferred: AstNode[] = slots.nodes.slice(deferredFrom);

    const notes: string[] = [];
    if (!runAt) {
      notes.push(
        'scheduleCampaign: without campaignRunAt, SOAP ran the campaign at once, but REST runs it five minutes after the call. Check that the delay is acceptable.',
      );
    }
    const param = freshName('campaignId', slots);
    const call = `__client.scheduleCampaign(${param}, { ${input.join(', ')} })`.replace(
      '{  }',
      '{}',
    );
    const chained = afterLookups(
      'scheduleCampaign',
      [{ param, promise }],
      call,
      deferred,
      context.callPath,
    );
    const result: RestCall = {
      expression: chained.code,
      steps: [],
      view: '__client.soapView.scheduleCampaign',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...notes, ...chained.notes],
    };
    return result;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `scheduleCampaign: ${reason}` };
}
