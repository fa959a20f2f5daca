import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import { quoted, streamPositionOption } from './getCustomObjects.js';
import { SlotList, isTrueLiteral, requestObject, repeatedChildOf } from './soap-request.js';

/** The REST read and the searchable fields of each opportunity object type. */
const OBJECT_READS: Readonly<Record<string, { method: string; searchable: readonly string[] }>> = {
  Opportunity: { method: 'getOpportunities', searchable: ['externalOpportunityId', 'marketoGUID'] },
  OpportunityPersonRole: {
    method: 'getOpportunityRoles',
    searchable: ['externalOpportunityId', 'marketoGUID', 'leadId'],
  },
};

/** Programs one Get Programs call returns at most (the Asset API's `maxReturn` limit). */
const MAX_PROGRAMS = 200;

interface Criterion {
  attrName: string;
  comparison: string;
  value: AstNode;
}

/**
 * getMObjects becomes Get Opportunities or Get Opportunity Roles for `type` Opportunity and
 * OpportunityPersonRole, filtered by EQ criteria on a searchable field, and the asset Programs
 * reads for `type` Program. Integer SOAP ids and comparisons other than EQ have no REST filter
 * and are marked.
 */
export const getMObjects: OperationRecipe = {
  operation: 'getMObjects',
  restEndpoints: [
    'GET /rest/v1/opportunities.json',
    'GET /rest/v1/opportunities/roles.json',
    'GET /rest/asset/v1/program/{id}.json',
    'GET /rest/asset/v1/program/byName.json',
    'GET /rest/asset/v1/programs.json',
  ],
  summary:
    'Rewrites getMObjects to Get Opportunities, Get Opportunity Roles or the asset Programs reads, by type.',
  resultShape: {
    arrays: { 'result.mObjectList.mObject': 'result' },
    values: {
      'result.returnCount': { rest: 'result.length' },
      'result.hasMore': { rest: 'moreResult' },
      'result.newStreamPosition': { rest: 'nextPageToken' },
    },
    elementFields: { createdAt: 'createdAt', updatedAt: 'updatedAt' },
  },
  buildCall(request, context, mode) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.getOpportunities({ filterType, filterValues }), client.getOpportunityRoles(...) or a Programs read.',
      );
    const type = staticString(propertyValue(object, 'type'));
    if (type === null)
      return unconvertible(
        'the type is computed at run time or missing. Call client.getOpportunities, client.getOpportunityRoles or the Programs reads for each type by hand.',
      );
    const criteria = readCriteria(propertyValue(object, 'mObjCriteriaList'), context);
    if ('unconvertible' in criteria) return criteria;
    const slots = new SlotList();
    const call =
      type === 'Program'
        ? programCall(object, criteria, slots)
        : objectCall(type, object, criteria, context, mode, slots);
    if ('unconvertible' in call) return call;
    return {
      expression: call.expression,
      steps: [],
      view: `(response) => __client.soapView.getMObjects(response, ${quoted(type)})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: call.notes,
    } satisfies RestCall;
  },
};

type CallCode = { expression: string; notes: string[] };

/** Get Opportunities or Get Opportunity Roles with one filter type. */
function objectCall(
  type: string,
  object: AstNode,
  criteria: Criterion[],
  context: RecipeContext,
  mode: string,
  slots: SlotList,
): CallCode | Unconvertible {
  const read = OBJECT_READS[type];
  if (!read)
    return unconvertible(
      `the type '${type}' is not Opportunity, OpportunityPersonRole or Program. Fix the type, or rewrite this call by hand.`,
    );
  if (propertyValue(object, 'id')) {
    return unconvertible(
      'the integer SOAP id of an opportunity or role has no REST key, because REST looks them up by marketoGUID or externalOpportunityId. Filter by one of those instead.',
    );
  }

  const filters: Array<{ field: string; value: AstNode }> = [];
  const externalKey = context.resolve(propertyValue(object, 'externalKey'));
  if (externalKey) {
    const value = propertyValue(externalKey, 'value');
    if (type !== 'Opportunity' || !value) {
      return unconvertible(
        'REST filters by externalOpportunityId only for opportunities themselves. Filter roles by externalOpportunityId, leadId or marketoGUID criteria instead.',
      );
    }
    filters.push({ field: 'externalOpportunityId', value });
  }
  for (const criterion of criteria) {
    if (criterion.comparison !== 'EQ') {
      return unconvertible(
        `the comparison ${criterion.comparison} on ${criterion.attrName} has no REST filter, which matches only equal values. Rework the query around externalOpportunityId, marketoGUID or leadId.`,
      );
    }
    if (!read.searchable.includes(criterion.attrName)) {
      return unconvertible(
        `${criterion.attrName} is not searchable in REST, which filters ${type} records only by ${read.searchable.join(', ')} or a custom string or integer field. Rework the query around one of those.`,
      );
    }
    filters.push({ field: criterion.attrName, value: criterion.value });
  }
  const association = readLeadAssociation(
    type,
    propertyValue(object, 'mObjAssociationList'),
    context,
  );
  if ('unconvertible' in association) return association;
  if (association.value) filters.push({ field: 'leadId', value: association.value });
  if (filters.length === 0) {
    return unconvertible(
      `REST cannot list every ${type} record without a key. Filter by ${read.searchable.join(', ')} instead.`,
    );
  }
  if (filters.some((filter) => filter.field !== filters[0]!.field)) {
    return unconvertible(
      'the request filters by several fields, but a REST read takes one filter type. Split it into one call per field and intersect the results.',
    );
  }

  const options = [
    `filterType: '${filters[0]!.field}'`,
    `filterValues: [${filters.map((filter) => slots.add(filter.value)).join(', ')}]`,
  ];
  const notes: string[] = [];
  const token = streamPositionOption('getMObjects', propertyValue(object, 'streamPosition'), slots);
  if (token.option) options.push(token.option);
  notes.push(...token.notes);
  if (mode === 'soap') {
    notes.push(
      `getMObjects: SOAP returned every attribute, but REST returns only the default ${type} fields unless fields names more. Add fields with the REST names of the attributes this code reads.`,
    );
  }
  return { expression: `__client.${read.method}({ ${options.join(', ')} })`, notes };
}

/** Role reads by associated lead become `filterType: 'leadId'`. */
function readLeadAssociation(
  type: string,
  list: AstNode | null,
  context: RecipeContext,
): { value: AstNode | null } | Unconvertible {
  const resolved = context.resolve(list);
  if (!resolved) return { value: null };
  const entries = repeatedChildOf(resolved, 'mObjAssociation', context.resolve);
  const entry = entries?.length === 1 ? context.resolve(entries[0]) : null;
  const value = propertyValue(entry, 'id');
  if (
    type !== 'OpportunityPersonRole' ||
    staticString(propertyValue(entry, 'mObjType')) !== 'Lead' ||
    !value
  ) {
    return unconvertible(
      'REST filters by an associated object only for roles of one lead, by leadId. Rework this association as a leadId, externalOpportunityId or marketoGUID filter.',
    );
  }
  return { value };
}

/** Program reads: by id, by exact name, by workspace, by update time, or one page of all. */
function programCall(
  object: AstNode,
  criteria: Criterion[],
  slots: SlotList,
): CallCode | Unconvertible {
  const details = isTrueLiteral(propertyValue(object, 'includeDetails'));
  const notes: string[] = [];
  if (propertyValue(object, 'streamPosition')) {
    return unconvertible(
      'programs page by offset and maxReturn in REST, so a SOAP streamPosition cannot carry over. Page with client.iteratePrograms() instead.',
    );
  }
  const id = propertyValue(object, 'id');
  const byName = (value: AstNode): string =>
    `__client.getProgramByName(${slots.add(value)}${details ? ', { includeTags: true, includeCosts: true }' : ''})`;
  if (id && criteria.length === 0)
    return { expression: `__client.getProgramById(${slots.add(id)})`, notes };
  if (criteria.length === 1 && criteria[0]!.comparison === 'EQ') {
    const [criterion] = criteria as [Criterion];
    if (criterion.attrName === 'Id')
      return { expression: `__client.getProgramById(${slots.add(criterion.value)})`, notes };
    if (criterion.attrName === 'Name') return { expression: byName(criterion.value), notes };
  }
  const browse: string[] = [];
  for (const criterion of criteria) {
    if (criterion.attrName === 'Workspace Name' && criterion.comparison === 'EQ') {
      browse.push(`filterType: 'workspace'`, `filterValues: [${slots.add(criterion.value)}]`);
    } else if (
      criterion.attrName === 'Updated At' &&
      (criterion.comparison === 'GT' || criterion.comparison === 'GE')
    ) {
      browse.push(`earliestUpdatedAt: ${slots.add(criterion.value)}`);
    } else if (
      criterion.attrName === 'Updated At' &&
      (criterion.comparison === 'LT' || criterion.comparison === 'LE')
    ) {
      browse.push(`latestUpdatedAt: ${slots.add(criterion.value)}`);
    } else {
      return unconvertible(
        `the program criterion ${criterion.attrName} ${criterion.comparison} has no REST filter. Use Id, Name or Workspace Name with EQ, or Updated At with GT or LT.`,
      );
    }
  }
  if (id)
    return unconvertible(
      'the request gives an id and criteria together. Give the id alone, or the criteria alone.',
    );
  if (details)
    notes.push(
      'getMObjects: Get Programs returns no tags or costs, so includeDetails has no REST counterpart here. Read each program with client.getProgramById(id) where the details matter.',
    );
  notes.push(
    `getMObjects: one Get Programs call returns at most ${MAX_PROGRAMS} programs. Use client.iteratePrograms(request) if there can be more.`,
  );
  return {
    expression: `__client.getPrograms({ ${[...browse, `maxReturn: ${MAX_PROGRAMS}`].join(', ')} })`,
    notes,
  };
}

/** Reads `mObjCriteriaList.mObjCriteria[]` with literal names and comparisons. */
function readCriteria(list: AstNode | null, context: RecipeContext): Criterion[] | Unconvertible {
  const resolved = context.resolve(list);
  if (!resolved) return [];
  const entries = repeatedChildOf(resolved, 'mObjCriteria', context.resolve);
  if (!entries)
    return unconvertible(
      'mObjCriteriaList is built at run time. List the criteria in the request, or rewrite this call by hand.',
    );
  const criteria: Criterion[] = [];
  for (const entry of entries) {
    const criterion = context.resolve(entry);
    const attrName = staticString(propertyValue(criterion, 'attrName'));
    const comparison = staticString(propertyValue(criterion, 'comparison'));
    const value = propertyValue(criterion, 'attrValue');
    if (attrName === null || comparison === null || !value) {
      return unconvertible(
        'a criterion has no literal attrName or comparison, or no attrValue. Write them in the request, or rewrite this call by hand.',
      );
    }
    criteria.push({ attrName, comparison, value });
  }
  return criteria;
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `getMObjects: ${reason}` };
}
