import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  SlotList,
  afterLookups,
  checkKeyType,
  freshName,
  leadIdsCode,
  readStringItems,
  requestObject,
} from './soap-request.js';

/** Activity names that Get Lead Changes returns. Any other name needs Get Lead Activities. */
const LEAD_CHANGE_NAMES: ReadonlySet<string> = new Set(['Change Data Value', 'New Lead']);

/** Max records per REST activity page. */
const MAX_BATCH_SIZE = 300;

/**
 * getLeadChanges becomes Get Lead Changes from a paging token for `startPosition`'s
 * `oldestCreatedAt` (or `activityCreatedAt`), watching every lead field that Describe Lead
 * lists, because SOAP returned changes of all of them. An `activityNameFilter` of other
 * activity names becomes Get Lead Activities with those types. `leadSelector` lead keys become
 * lead ids and a static list name a list id.
 */
export const getLeadChanges: OperationRecipe = {
  operation: 'getLeadChanges',
  restEndpoints: [
    'GET /rest/v1/activities/leadchanges.json',
    'GET /rest/v1/activities.json',
    'GET /rest/v1/activities/pagingtoken.json',
    'GET /rest/v1/activities/types.json',
    'GET /rest/v1/leads/describe.json',
  ],
  summary:
    'Rewrites getLeadChanges to Get Lead Changes from a paging token, or Get Lead Activities for other activity names.',
  resultShape: {
    arrays: { 'result.leadChangeRecordList.leadChangeRecord': 'result' },
    values: { 'result.returnCount': { rest: 'result.length' } },
    elementFields: { id: 'id', activityDateTime: 'activityDate', mktPersonId: 'leadId' },
  },
  buildCall(request, context, mode) {
    const operation = 'getLeadChanges';
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getPagingToken(since), then client.getLeadChanges({ nextPageToken, fields }).',
      );
    const slots = new SlotList();
    const notes: string[] = [];
    const lookups: Lookup[] = [];
    const deferred: AstNode[] = [];

    const start = readStartPosition(operation, propertyValue(object, 'startPosition'), context);
    if ('unconvertible' in start) return start;
    lookups.push({ param: 'page', promise: `__client.getPagingToken(${slots.add(start.since)})` });

    const names = readStringItems(propertyValue(object, 'activityNameFilter'), context.resolve);
    if (names?.kind === 'runtime') {
      return unconvertible(
        'activityNameFilter is built at run time, so it is unknown whether the names are lead changes (Get Lead Changes) or other activities (Get Lead Activities). List the names in the request, or rewrite this call by hand.',
      );
    }
    if (propertyValue(object, 'activityFilter')) {
      return unconvertible(
        'activityFilter is deprecated in SOAP and has no REST counterpart here. Use activityNameFilter with activity names, then run the migration again.',
      );
    }
    const nameValues = (names?.items ?? []).map((item) => staticString(item));
    if (nameValues.some((name) => name === null)) {
      return unconvertible(
        'an activityNameFilter entry is not a string literal. Write the activity names in the request, or rewrite this call by hand.',
      );
    }
    const otherNames = nameValues.filter((name) => !LEAD_CHANGE_NAMES.has(name!));
    if (otherNames.length > 0 && otherNames.length < nameValues.length) {
      return unconvertible(
        'activityNameFilter mixes lead changes (Change Data Value, New Lead) with other activities, which REST reads with two different calls. Split it into one call for each kind, then run the migration again.',
      );
    }
    const readsActivities = otherNames.length > 0;

    const selector = readLeadSelector(
      operation,
      propertyValue(object, 'leadSelector'),
      context,
      slots,
    );
    if ('unconvertible' in selector) return selector;
    if (selector.lookup) lookups.push(selector.lookup);
    deferred.push(...selector.deferred);

    if (readsActivities) {
      const list = `[${names!.items.map((item) => slots.add(item)).join(', ')}]`;
      lookups.push({
        param: 'activityTypeIds',
        promise: `__client.resolveActivityTypeIds(${list})`,
      });
    } else {
      lookups.push({
        param: 'fields',
        promise:
          '__client.leadFields().then((leadFields) => leadFields.flatMap((field) => (field.rest ? [field.rest.name] : [])))',
      });
      notes.push(
        'getLeadChanges: SOAP returned changes of every lead field, but REST returns changes only of the fields named in fields, so the call names every field that Describe Lead lists. Name only the fields this code needs.',
      );
    }
    for (const lookup of lookups) lookup.param = freshName(lookup.param, slots);
    const param = (name: string): string =>
      lookups.find((lookup) => lookup.param.startsWith(name))!.param;

    const options = [`nextPageToken: ${param('page')}.nextPageToken`];
    options.push(
      readsActivities
        ? `activityTypeIds: ${param('activityTypeIds')}`
        : `fields: ${param('fields')}`,
    );
    if (selector.option) options.push(selector.option(param));
    const batch = batchSizeOption(operation, propertyValue(object, 'batchSize'), slots);
    if (batch.option) options.push(batch.option);
    notes.push(...batch.notes);
    deferred.push(...batch.deferred);

    const method = readsActivities ? 'getLeadActivities' : 'getLeadChanges';
    const chained = afterLookups(
      operation,
      lookups,
      `__client.${method}({ ${options.join(', ')} })`,
      deferred,
      context.callPath,
    );
    const steps: string[] = [];
    if (start.latest) {
      steps.push(latestStep(start.latest, slots));
      deferred.push(start.latest);
    }
    if (readsActivities && mode === 'soap') {
      notes.push(
        'getLeadChanges: the names in activityNameFilter are not lead changes, so the call reads them with Get Lead Activities, and soapView.getLeadChanges builds leadChangeRecord entries from those activities. Check the fields this code reads.',
      );
    }
    const call: RestCall = {
      expression: chained.code,
      steps,
      view: '__client.soapView.getLeadChanges',
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: [...notes, ...chained.notes],
    };
    return call;
  },
};

/** A promise that the REST call waits for, and the name its result has inside the call. */
export interface Lookup {
  param: string;
  promise: string;
}

/** The start of an activity read: `sinceDatetime`, and the optional `latestCreatedAt` end. */
export interface StartPosition {
  since: AstNode;
  latest: AstNode | null;
}

/**
 * Reads `startPosition`. REST starts a read at a date, so `oldestCreatedAt` (or else
 * `activityCreatedAt`) becomes `sinceDatetime`, and `offset` is dropped.
 */
export function readStartPosition(
  operation: string,
  node: AstNode | null,
  context: RecipeContext,
): StartPosition | Unconvertible {
  const position = context.resolve(node);
  if (!position) {
    return {
      unconvertible: `${operation}: the request has no startPosition, and REST reads activities only from a date on. Add startPosition.oldestCreatedAt with the earliest time to read, then run the migration again.`,
    };
  }
  if (position.type !== 'ObjectExpression') {
    return {
      unconvertible: `${operation}: startPosition is built at run time. REST pages with the nextPageToken of the previous response instead of newStartPosition, so rewrite this paging by hand: getPagingToken(since) for the first page, then each response's nextPageToken.`,
    };
  }
  const since =
    propertyValue(position, 'oldestCreatedAt') ?? propertyValue(position, 'activityCreatedAt');
  if (!since) {
    return {
      unconvertible: `${operation}: startPosition has no oldestCreatedAt or activityCreatedAt, and REST reads activities only from a date on. Add one, then run the migration again.`,
    };
  }
  return { since, latest: propertyValue(position, 'latestCreatedAt') };
}

/** `.then` step that drops activities after `latestCreatedAt`, which REST cannot filter by. */
export function latestStep(latest: AstNode, slots: SlotList): string {
  const response = freshName('response', slots);
  const activity = freshName('activity', slots);
  const end = slots.add(latest);
  return `(${response}) => ({ ...${response}, result: ${response}.result.filter((${activity}) => Date.parse(${activity}.activityDate) <= Date.parse(${end})) })`;
}

/** `batchSize` within REST's limit of 300 per page. */
export function batchSizeOption(
  operation: string,
  node: AstNode | null,
  slots: SlotList,
): { option: string | null; notes: string[]; deferred: AstNode[] } {
  if (!node) return { option: null, notes: [], deferred: [] };
  if (node.type === 'NumericLiteral') {
    if (node.value <= MAX_BATCH_SIZE)
      return { option: `batchSize: ${slots.add(node)}`, notes: [], deferred: [node] };
    return {
      option: `batchSize: ${MAX_BATCH_SIZE}`,
      notes: [
        `${operation}: REST pages hold at most ${MAX_BATCH_SIZE} activities, so batchSize ${node.value} became ${MAX_BATCH_SIZE}. Read the following pages with nextPageToken.`,
      ],
      deferred: [],
    };
  }
  return {
    option: `batchSize: Math.min(${slots.add(node)}, ${MAX_BATCH_SIZE})`,
    notes: [],
    deferred: [node],
  };
}

interface SelectorCode {
  lookup: Lookup | null;
  /** The `leadIds` or `listId` option, given the parameter names the lookups ended with. */
  option: ((param: (name: string) => string) => string) | null;
  deferred: AstNode[];
}

/** Reads a LeadKeySelector or StaticListSelector by the fields it sets. */
function readLeadSelector(
  operation: string,
  node: AstNode | null,
  context: RecipeContext,
  slots: SlotList,
): SelectorCode | Unconvertible {
  const selector = context.resolve(node);
  if (!selector) return { lookup: null, option: null, deferred: [] };
  if (selector.type !== 'ObjectExpression') {
    return unconvertible(
      'leadSelector is built at run time, so its type is unknown. Write it in the request, or pass leadIds or listId to the REST call by hand.',
    );
  }
  const keyValues = propertyValue(selector, 'keyValues');
  if (keyValues) {
    const keyType = staticString(propertyValue(selector, 'keyType'));
    if (keyType === null)
      return unconvertible(
        'the LeadKeySelector has no literal keyType. Write the key type in the request.',
      );
    const checked = checkKeyType(operation, keyType);
    if (checked) return checked;
    const values = readStringItems(keyValues, context.resolve);
    if (!values || values.kind === 'runtime') {
      return unconvertible(
        'the LeadKeySelector values are built at run time. Resolve them with client.resolveLeadIds(leadKeys) and pass leadIds by hand.',
      );
    }
    const ids = leadIdsCode(
      { kind: 'static', keys: values.items.map((keyValue) => ({ keyType, keyValue })) },
      slots,
    );
    if (ids.kind === 'ids') {
      // REST takes lead ids as numbers, while SOAP keyValues were strings.
      const numbers = ids.ids.map((id, index) =>
        values.items[index]!.type === 'NumericLiteral' ? id : `Number(${id})`,
      );
      return {
        lookup: null,
        option: () => `leadIds: [${numbers.join(', ')}]`,
        deferred: values.items,
      };
    }
    return {
      lookup: { param: 'leadIds', promise: ids.promise },
      option: (param) => `leadIds: ${param('leadIds')}`,
      deferred: [],
    };
  }
  const listId = propertyValue(selector, 'staticListId');
  if (listId)
    return { lookup: null, option: () => `listId: ${slots.add(listId)}`, deferred: [listId] };
  const listName = propertyValue(selector, 'staticListName');
  if (listName) {
    return {
      lookup: {
        param: 'listId',
        promise: `__client.resolveListId({ listName: ${slots.add(listName)} })`,
      },
      option: (param) => `listId: ${param('listId')}`,
      deferred: [],
    };
  }
  return unconvertible(
    'only LeadKeySelector and StaticListSelector have a REST filter here. Read a LastUpdateAtSelector range from a paging token for oldestUpdatedAt instead, and rewrite this call by hand.',
  );
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getLeadChanges: ${reason}` };
}
