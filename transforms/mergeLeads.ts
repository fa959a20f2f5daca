import {
  type AstNode,
  cloneNode,
  propertyValue,
  repeatedChildren,
  staticString,
} from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  SlotList,
  checkKeyType,
  isOffOrAbsent,
  isStable,
  requestObject,
  repeatedChildOf,
} from './soap-request.js';

/** Losing leads per Merge Leads call. The client sends more in several calls. */
const MAX_LOSERS = 25;

/**
 * mergeLeads becomes Merge Leads with the winner's id in the path and the losers' ids as
 * `leadIds`. Keys other than IDNUM are looked up with `resolveLeadIds`. `mergeInSales`
 * becomes `mergeInCRM`. REST returns only `success`, so a result read in the SOAP shape gets
 * a `mergeStatus` derived from the ids and a note.
 */
export const mergeLeads: OperationRecipe = {
  operation: 'mergeLeads',
  restEndpoints: ['POST /rest/v1/leads/{leadId}/merge.json', 'GET /rest/v1/leads.json'],
  summary: 'Rewrites mergeLeads to Merge Leads, resolving non-IDNUM keys to lead ids.',
  resultShape: { arrays: {}, values: {}, elementFields: {} },
  buildCall(request, context, mode) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.mergeLeads(winnerId, loserIds, { mergeInCRM }).',
      );
    const winner = readKeyList(
      context.resolve(propertyValue(object, 'winningLeadKeyList')),
      context.resolve,
    );
    if ('unconvertible' in winner) return winner;
    const losingLists = context.resolve(propertyValue(object, 'losingLeadKeyLists'));
    const keyLists = repeatedChildOf(losingLists, 'keyList', context.resolve);
    if (!keyLists || keyLists.length === 0) {
      return unconvertible(
        'losingLeadKeyLists is missing or built at run time. Rewrite this call as client.mergeLeads(winnerId, loserIds).',
      );
    }
    const losers: LeadKey[] = [];
    for (const keyList of keyLists) {
      const loser = readKeyList(context.resolve(keyList), context.resolve);
      if ('unconvertible' in loser) return loser;
      losers.push(loser);
    }

    const slots = new SlotList();
    const notes: string[] = [];
    if (losers.length > MAX_LOSERS) {
      notes.push(
        `mergeLeads: Merge Leads takes at most ${MAX_LOSERS} losing leads per call, so the client merges these in several calls. A failure part way leaves the first groups merged.`,
      );
    }
    const mergeInSales = propertyValue(object, 'mergeInSales');
    const options = isOffOrAbsent(mergeInSales)
      ? ''
      : `, { mergeInCRM: ${slots.add(mergeInSales!)} }`;
    if (mode === 'soap') {
      notes.push(
        'mergeLeads: REST returns no per-lead merge status, so soapView.mergeLeads sets mergeStatus from the request ids and reports MERGED whenever the call succeeds (a failed merge throws). Check the code that reads mergeStatus.',
      );
    }

    const keys = [winner, ...losers];
    const call: RestCall = {
      expression: '',
      steps: [],
      view: '',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes,
    };
    const direct = keys.every((key) => key.keyType === 'IDNUM');
    if (direct) {
      const winnerId = slots.add(winner.keyValue);
      const loserIds = `[${losers.map((loser) => slots.add(loser.keyValue)).join(', ')}]`;
      call.expression = `__client.mergeLeads(${winnerId}, ${loserIds}${options})`;
      if (mode === 'soap') {
        if (!keys.every((key) => isStable(key.keyValue, context.callPath))) {
          return unconvertible(
            'the lead ids are computed with side effects, and the SOAP-shaped result needs them twice. Copy them into constants, then run the migration again.',
          );
        }
        const winnerCopy = slots.add(cloneNode(winner.keyValue));
        const loserCopies = `[${losers.map((loser) => slots.add(cloneNode(loser.keyValue))).join(', ')}]`;
        call.view = `(response) => __client.soapView.mergeLeads(response, ${winnerCopy}, ${loserCopies})`;
      }
      return call;
    }
    const lookup = `__client.resolveLeadIds([${keys.map((key) => `{ keyType: '${key.keyType}', keyValue: ${slots.add(key.keyValue)} }`).join(', ')}])`;
    const merge = `__client.mergeLeads(leadIds[0], leadIds.slice(1)${options})`;
    const view =
      mode === 'soap'
        ? '.then((response) => __client.soapView.mergeLeads(response, leadIds[0], leadIds.slice(1)))'
        : '';
    call.expression = `${lookup}.then((leadIds) => ${merge}${view})`;
    if (mergeInSales && !isStable(mergeInSales, context.callPath)) {
      notes.push(
        'mergeLeads: the rewritten call reads mergeInSales only after the id lookup finishes. If it can change in the meantime, copy it into a const before the call.',
      );
    }
    return call;
  },
};

interface LeadKey {
  keyType: string;
  keyValue: AstNode;
}

/** Reads a SOAP ArrayOfAttribute that names one lead by one key (`attrName` is the key type). */
function readKeyList(
  list: AstNode | null,
  resolve: RecipeContext['resolve'],
): LeadKey | Unconvertible {
  const attributes =
    list?.type === 'ObjectExpression'
      ? repeatedChildren(resolve(propertyValue(list, 'attribute')))
      : null;
  if (!attributes)
    return unconvertible(
      'a lead key list is missing or built at run time. Rewrite this call as client.mergeLeads(winnerId, loserIds).',
    );
  if (attributes.length !== 1) {
    return unconvertible(
      'a lead key list names a lead by several keys. Keep one key per lead, preferably IDNUM, then run the migration again.',
    );
  }
  const attribute = resolve(attributes[0]);
  const keyType = staticString(propertyValue(attribute, 'attrName'));
  const keyValue = propertyValue(attribute, 'attrValue');
  if (keyType === null || !keyValue) {
    return unconvertible(
      'a lead key has no literal attrName or no attrValue. Give the key type as a literal, then run the migration again.',
    );
  }
  const checked = checkKeyType('mergeLeads', keyType);
  return checked ?? { keyType, keyValue };
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: reason.startsWith('mergeLeads') ? reason : `mergeLeads: ${reason}` };
}
