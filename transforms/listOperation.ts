import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type { OperationRecipe, RestCall, Unconvertible } from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  freshName,
  isOffOrAbsent,
  leadIdsCode,
  readLeadKeys,
  requestObject,
} from './soap-request.js';

/** The REST client method for each SOAP list operation. */
const METHOD_BY_OPERATION: Readonly<Record<string, string>> = {
  ADDTOLIST: 'addToList',
  REMOVEFROMLIST: 'removeFromList',
  ISMEMBEROFLIST: 'memberOfList',
};

/**
 * listOperation becomes Add to List, Remove from List or Member of List on the list id that
 * `resolveListId` finds for the MKTOLISTNAME list key. Lead keys other than IDNUM are looked
 * up with `resolveLeadIds`. REST handles each lead on its own, so `strict: true` gets a note.
 */
export const listOperation: OperationRecipe = {
  operation: 'listOperation',
  restEndpoints: [
    'POST /rest/v1/lists/{listId}/leads.json',
    'DELETE /rest/v1/lists/{listId}/leads.json',
    'GET /rest/v1/lists/{listId}/leads/ismember.json',
    'GET /rest/v1/lists.json',
  ],
  summary:
    'Rewrites listOperation to Add to List, Remove from List or Member of List, resolving the list name to an id.',
  resultShape: {
    arrays: { 'result.statusList.leadStatus': 'result' },
    values: {},
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.addToList, client.removeFromList or client.memberOfList(listId, leadIds).',
      );
    const operationName = staticString(propertyValue(object, 'listOperation'));
    const method = operationName === null ? undefined : METHOD_BY_OPERATION[operationName];
    if (!method) {
      return unconvertible(
        'the listOperation value is computed at run time or unknown. Call client.addToList, client.removeFromList or client.memberOfList for each case by hand.',
      );
    }
    const listKey = context.resolve(propertyValue(object, 'listKey'));
    const keyType = staticString(propertyValue(listKey, 'keyType'));
    const listName = propertyValue(listKey, 'keyValue');
    if (keyType !== 'MKTOLISTNAME' || !listName) {
      return unconvertible(
        `a listKey of type ${keyType ?? 'computed at run time'} has no REST counterpart, because REST finds static lists by name or id only. Use an MKTOLISTNAME list key.`,
      );
    }
    const leadKeys = readLeadKeys(
      'listOperation',
      context.resolve(propertyValue(object, 'listMemberList')),
      context.resolve,
    );
    if ('unconvertible' in leadKeys) return leadKeys;

    const notes: string[] = [];
    const strict = propertyValue(object, 'strict');
    if (!isOffOrAbsent(strict)) {
      notes.push(
        'listOperation: REST has no strict mode, so each lead is added, removed or checked on its own and some can fail while others succeed. Check the per-lead status of every result record.',
      );
    }
    const slots = new SlotList();
    const lookups = [
      { param: 'listId', promise: `__client.resolveListId({ listName: ${slots.add(listName)} })` },
    ];
    const deferred: AstNode[] = [];
    const ids = leadIdsCode(leadKeys, slots);
    let leadsCode = 'leadIds';
    if (ids.kind === 'ids') {
      leadsCode = `[${ids.ids.join(', ')}]`;
      if (leadKeys.kind === 'static') deferred.push(...leadKeys.keys.map((key) => key.keyValue));
    } else {
      lookups.push({ param: 'leadIds', promise: ids.promise });
    }
    for (const lookup of lookups) lookup.param = freshName(lookup.param, slots);
    if (ids.kind === 'lookup') leadsCode = lookups[1]!.param;
    const call = `__client.${method}(${lookups[0]!.param}, ${leadsCode})`;
    const chained = afterLookups('listOperation', lookups, call, deferred, context.callPath);
    const result: RestCall = {
      expression: chained.code,
      steps: [],
      view: '__client.soapView.listOperation',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...notes, ...chained.notes],
    };
    return result;
  },
};

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `listOperation: ${reason}` };
}
