import {
  type AstNode,
  propertyValue,
  repeatedChildren,
  singleChild,
  staticString,
} from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import { type Lookup, batchSizeOption, latestStep, readStartPosition } from './getLeadChanges.js';
import { SlotList, afterLookups, checkKeyType, freshName, requestObject } from './soap-request.js';

/** Every activity type id, for a request without a type filter. */
const ALL_TYPE_IDS = '__client.activityTypes().then((types) => types.map((type) => type.id))';

/**
 * getLeadActivity becomes Get Lead Activities for the lead's id, from a paging token for
 * `startPosition`. SOAP filtered by activity type names and REST by type ids, so the names are
 * resolved when the call runs, through the cached Get Activity Types. The SOAP response sat in
 * `leadActivityList`, not `result`: reads of `activityRecordList.activityRecord[]` move to the
 * REST activity fields, and any other read uses the SOAP view.
 */
export const getLeadActivity: OperationRecipe = {
  operation: 'getLeadActivity',
  restEndpoints: [
    'GET /rest/v1/activities.json',
    'GET /rest/v1/activities/pagingtoken.json',
    'GET /rest/v1/activities/types.json',
    'GET /rest/v1/leads.json',
  ],
  summary:
    'Rewrites getLeadActivity to Get Lead Activities, resolving the lead key and activity type names to ids.',
  resultShape: {
    arrays: { 'leadActivityList.activityRecordList.activityRecord': 'result' },
    values: { 'leadActivityList.returnCount': { rest: 'result.length' } },
    elementFields: {
      id: 'id',
      activityDateTime: 'activityDate',
      mktgAssetName: 'primaryAttributeValue',
      mktPersonId: 'leadId',
    },
  },
  buildCall(request, context) {
    const operation = 'getLeadActivity';
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getPagingToken(since), then client.getLeadActivities({ nextPageToken, activityTypeIds, leadIds }).',
      );
    const slots = new SlotList();
    const notes: string[] = [];
    const lookups: Lookup[] = [];
    const deferred: AstNode[] = [];

    const start = readStartPosition(operation, propertyValue(object, 'startPosition'), context);
    if ('unconvertible' in start) return start;
    lookups.push({ param: 'page', promise: `__client.getPagingToken(${slots.add(start.since)})` });

    const lead = readLeadKey(propertyValue(object, 'leadKey'), context, slots);
    if ('unconvertible' in lead) return lead;
    if (lead.kind === 'lookup') lookups.push({ param: 'leadIds', promise: lead.promise });
    else deferred.push(lead.node);

    const types = readTypeFilter(propertyValue(object, 'activityFilter'), context, slots);
    if ('unconvertible' in types) return types;
    lookups.push({ param: 'activityTypeIds', promise: types.promise });
    if (types.everyType) {
      notes.push(
        'getLeadActivity: REST reads at most 10 activity types per call, so reading all types, or all but the excluded ones, costs one series of calls per 10 types. Name the types this code needs in includeTypes.',
      );
    }

    for (const lookup of lookups) lookup.param = freshName(lookup.param, slots);
    const param = (name: string): string =>
      lookups.find((lookup) => lookup.param.startsWith(name))!.param;
    // REST takes lead ids as numbers, while SOAP keyValue was often a string.
    const leadIds =
      lead.kind === 'id'
        ? `[${lead.node.type === 'NumericLiteral' ? lead.code : `Number(${lead.code})`}]`
        : param('leadIds');
    const options = [
      `nextPageToken: ${param('page')}.nextPageToken`,
      `activityTypeIds: ${param('activityTypeIds')}`,
      `leadIds: ${leadIds}`,
    ];
    const batch = batchSizeOption(operation, propertyValue(object, 'batchSize'), slots);
    if (batch.option) options.push(batch.option);
    notes.push(...batch.notes);
    deferred.push(...batch.deferred);

    const chained = afterLookups(
      operation,
      lookups,
      `__client.getLeadActivities({ ${options.join(', ')} })`,
      deferred,
      context.callPath,
    );
    const steps: string[] = [];
    if (start.latest) {
      steps.push(latestStep(start.latest, slots));
      deferred.push(start.latest);
    }
    const call: RestCall = {
      expression: chained.code,
      steps,
      view: '__client.soapView.getLeadActivity',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...notes, ...chained.notes],
    };
    return call;
  },
};

type LeadCode = { kind: 'id'; code: string; node: AstNode } | { kind: 'lookup'; promise: string };

/** Returns the lead id: an IDNUM value as it is, any other key type through `resolveLeadIds`. */
function readLeadKey(
  node: AstNode | null,
  context: RecipeContext,
  slots: SlotList,
): LeadCode | Unconvertible {
  if (!node)
    return unconvertible('the request has no leadKey. Add the lead whose activities to read.');
  const key = context.resolve(singleChild(context.resolve(node)));
  if (key?.type !== 'ObjectExpression')
    return { kind: 'lookup', promise: `__client.resolveLeadIds([${slots.add(node)}])` };
  const keyTypeNode = propertyValue(key, 'keyType');
  const keyValue = propertyValue(key, 'keyValue');
  if (!keyTypeNode || !keyValue)
    return unconvertible(
      'the leadKey has no keyType or keyValue. Give both, or rewrite this call by hand.',
    );
  const keyType = staticString(keyTypeNode);
  if (keyType === null) {
    return {
      kind: 'lookup',
      promise: `__client.resolveLeadIds([{ keyType: ${slots.add(keyTypeNode)}, keyValue: ${slots.add(keyValue)} }])`,
    };
  }
  const checked = checkKeyType('getLeadActivity', keyType);
  if (checked) return checked;
  if (keyType === 'IDNUM') return { kind: 'id', code: slots.add(keyValue), node: keyValue };
  return {
    kind: 'lookup',
    promise: `__client.resolveLeadIds([{ keyType: '${keyType}', keyValue: ${slots.add(keyValue)} }])`,
  };
}

/** Returns the type ids: the included names, all types but the excluded ones, or all types. */
function readTypeFilter(
  node: AstNode | null,
  context: RecipeContext,
  slots: SlotList,
): { promise: string; everyType: boolean } | Unconvertible {
  const filter = context.resolve(node);
  if (!filter) return { promise: ALL_TYPE_IDS, everyType: true };
  if (filter.type !== 'ObjectExpression') {
    return unconvertible(
      'activityFilter is built at run time. List includeTypes or excludeTypes in the request, or resolve the names with client.resolveActivityTypeIds(names) by hand.',
    );
  }
  const include = propertyValue(filter, 'includeTypes');
  const exclude = propertyValue(filter, 'excludeTypes');
  if (include && exclude)
    return unconvertible(
      'activityFilter gives includeTypes and excludeTypes together, which SOAP rejected. Keep one of them.',
    );
  const list = include ?? exclude;
  if (!list) return { promise: ALL_TYPE_IDS, everyType: true };
  const resolved = context.resolve(list);
  const child =
    resolved?.type === 'ObjectExpression' ? propertyValue(resolved, 'activityType') : null;
  const entries =
    child && staticString(child) !== null ? [child] : repeatedChildren(context.resolve(child));
  const names =
    entries && entries.length > 0 && child
      ? `[${entries.map((entry) => slots.add(entry)).join(', ')}]`
      : null;
  if (!names) {
    return unconvertible(
      'the activity type list is built at run time or empty. List the activity types in the request, or resolve them with client.resolveActivityTypeIds(names) by hand.',
    );
  }
  const resolvedIds = `__client.resolveActivityTypeIds(${names})`;
  if (include) return { promise: resolvedIds, everyType: false };
  const excluded = freshName('excluded', slots);
  const types = freshName('types', slots);
  const type = freshName('type', slots);
  return {
    promise: `Promise.all([__client.activityTypes(), ${resolvedIds}]).then(([${types}, ${excluded}]) => ${types}.map((${type}) => ${type}.id).filter((id) => !${excluded}.includes(id)))`,
    everyType: true,
  };
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getLeadActivity: ${reason}` };
}
