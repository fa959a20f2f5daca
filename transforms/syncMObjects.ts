import { type AstNode, propertyValue, staticString } from '../src/core/ast.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import { quoted } from './getCustomObjects.js';
import {
  ACTION_BY_SYNC_OPERATION,
  type NamedValue,
  SlotList,
  objectKey,
  readNamedValues,
  requestObject,
  repeatedChildOf,
} from './soap-request.js';

/** REST field names of the OpportunityPersonRole attributes. */
const ROLE_FIELDS: Readonly<Record<string, string>> = {
  PersonId: 'leadId',
  Role: 'role',
  IsPrimary: 'isPrimary',
  ExternalCreatedDate: 'externalCreatedDate',
  externalOpportunityId: 'externalOpportunityId',
};

/**
 * syncMObjects becomes Sync Opportunities or Sync Opportunity Roles, with `operation` as
 * `action` and `attribList` as flat input records, and Update Program for `type` Program.
 * Objects keyed by their integer SOAP id are marked, because REST has no such key.
 */
export const syncMObjects: OperationRecipe = {
  operation: 'syncMObjects',
  restEndpoints: [
    'POST /rest/v1/opportunities.json',
    'POST /rest/v1/opportunities/roles.json',
    'POST /rest/asset/v1/program/{id}.json',
  ],
  summary:
    'Rewrites syncMObjects to Sync Opportunities, Sync Opportunity Roles or Update Program, by type.',
  resultShape: {
    arrays: { 'result.mObjStatusList.mObjStatus': 'result' },
    values: {},
    elementFields: {},
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object)
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.syncOpportunities({ action, input }), client.syncOpportunityRoles(...) or client.updateProgram(id, ...).',
      );
    const list = context.resolve(propertyValue(object, 'mObjectList'));
    const elements = repeatedChildOf(list, 'mObject', context.resolve);
    if (!elements)
      return unconvertible(
        'mObjectList is built at run time. Build the REST input records and call client.syncOpportunities or client.syncOpportunityRoles by hand.',
      );
    if (elements.length === 0)
      return unconvertible('mObjectList is empty. Add the objects to sync.');
    const mObjects = elements.map((element) => context.resolve(element)!);
    const types = new Set(mObjects.map((mObject) => staticString(propertyValue(mObject, 'type'))));
    const [type] = [...types];
    if (types.size !== 1 || !type) {
      return unconvertible(
        'the objects have several types or a type computed at run time, and each REST call syncs one type. Split the list by type, then run the migration again.',
      );
    }
    const operationName = staticString(propertyValue(object, 'operation'));
    const action = operationName === null ? undefined : ACTION_BY_SYNC_OPERATION[operationName];
    if (!action)
      return unconvertible(
        'the operation is computed at run time or missing. Give INSERT, UPDATE or UPSERT, as SOAP required.',
      );

    const slots = new SlotList();
    const call =
      type === 'Program'
        ? programCall(mObjects, action, context, slots)
        : type === 'Opportunity' || type === 'OpportunityPersonRole'
          ? objectCall(type, mObjects, action, context, slots)
          : unconvertible(
              `the type '${type}' is not Opportunity, OpportunityPersonRole or Program. Fix the type, or rewrite this call by hand.`,
            );
    if ('unconvertible' in call) return call;
    const result: RestCall = {
      expression: call.expression,
      steps: [],
      view: `(response) => __client.soapView.syncMObjects(response, ${quoted(type)})`,
      restStep: null,
      slots: slots.nodes,
      imports: [],
      notes: call.notes,
    };
    return result;
  },
};

type CallCode = { expression: string; notes: string[] };

function objectCall(
  type: string,
  mObjects: AstNode[],
  action: string,
  context: RecipeContext,
  slots: SlotList,
): CallCode | Unconvertible {
  const records: string[] = [];
  for (const mObject of mObjects) {
    if (propertyValue(mObject, 'id')) {
      return unconvertible(
        `an ${type} is keyed by its integer SOAP id, which REST does not know. Key it by externalOpportunityId (or marketoGUID with UPDATE) instead.`,
      );
    }
    if (
      propertyValue(mObject, 'associationList') ||
      propertyValue(mObject, 'mObjAssociationList')
    ) {
      return unconvertible(
        'REST takes no associations in a sync. Write the association as a field of the record, such as externalCompanyId, then run the migration again.',
      );
    }
    const attributes = readNamedValues(
      propertyValue(mObject, 'attribList'),
      'attrib',
      { name: 'name', value: 'value' },
      context.resolve,
    );
    if (!attributes)
      return unconvertible(
        'an attribList is built at run time or has an attrib without a literal name. List the attributes in the request, or build the REST records by hand.',
      );
    const fields =
      type === 'Opportunity'
        ? opportunityFields(mObject, attributes, context)
        : roleFields(attributes);
    if ('unconvertible' in fields) return fields;
    if (
      action !== 'updateOnly' &&
      !fields.some((field) => field.name === 'externalOpportunityId')
    ) {
      return unconvertible(
        `creating an ${type} in REST needs its externalOpportunityId. Add it to each object (as externalKey for opportunities), then run the migration again.`,
      );
    }
    records.push(
      `{ ${fields.map((field) => `${objectKey(field.name)}: ${slots.add(field.value)}`).join(', ')} }`,
    );
  }
  const method = type === 'Opportunity' ? 'syncOpportunities' : 'syncOpportunityRoles';
  const notes =
    type === 'Opportunity'
      ? [
          'syncMObjects: the REST field names of the opportunity attributes were made by lower-casing the first letter of each SOAP name, and the values stay as SOAP sent them. Check the names against client.describeOpportunity(), and pass numbers and booleans where its dataType requires them.',
        ]
      : [];
  return {
    expression: `__client.${method}({ action: '${action}', dedupeBy: 'dedupeFields', input: [${records.join(', ')}] })`,
    notes,
  };
}

/** Opportunity attributes keep their names with a lower-case first letter: `CloseDate` to `closeDate`. */
function opportunityFields(
  mObject: AstNode,
  attributes: NamedValue[],
  context: RecipeContext,
): NamedValue[] | Unconvertible {
  const fields: NamedValue[] = [];
  const externalKey = context.resolve(propertyValue(mObject, 'externalKey'));
  const externalValue = propertyValue(externalKey, 'value');
  if (externalValue) fields.push({ name: 'externalOpportunityId', value: externalValue });
  for (const attribute of attributes)
    fields.push({
      name: attribute.name.charAt(0).toLowerCase() + attribute.name.slice(1),
      value: attribute.value,
    });
  return fields;
}

function roleFields(attributes: NamedValue[]): NamedValue[] | Unconvertible {
  const fields: NamedValue[] = [];
  for (const attribute of attributes) {
    if (attribute.name === 'OpportunityId') {
      return unconvertible(
        'OpportunityId is the integer SOAP id of the opportunity, and REST roles name it by externalOpportunityId. Replace it by an externalOpportunityId attrib with the CRM id, then run the migration again.',
      );
    }
    const name = ROLE_FIELDS[attribute.name];
    if (!name)
      return unconvertible(
        `the role attribute ${attribute.name} has no REST field. Remove it, or rewrite this call by hand.`,
      );
    const text = staticString(attribute.value);
    // SOAP sent every value as a string, but REST takes isPrimary as a JSON boolean.
    const value =
      name === 'isPrimary' && (text === 'true' || text === 'false')
        ? { type: 'BooleanLiteral', value: text === 'true' }
        : attribute.value;
    fields.push({ name, value });
  }
  return fields;
}

/** Update Program with the Cost and Tag entries of `typeAttribList`. SOAP allowed UPDATE only. */
function programCall(
  mObjects: AstNode[],
  action: string,
  context: RecipeContext,
  slots: SlotList,
): CallCode | Unconvertible {
  if (action !== 'updateOnly')
    return unconvertible(
      "SOAP changed programs only with UPDATE. Use UPDATE for an existing program, and create new programs with the Asset API's Create Program by hand.",
    );
  if (mObjects.length !== 1)
    return unconvertible(
      'Update Program changes one program per call. Sync one program per call, then run the migration again.',
    );
  const [program] = mObjects as [AstNode];
  const id = propertyValue(program, 'id');
  if (!id)
    return unconvertible(
      'the program has no id, and Update Program needs one. Add the program id.',
    );
  const typeAttribList = context.resolve(propertyValue(program, 'typeAttribList'));
  const entries = repeatedChildOf(typeAttribList, 'typeAttrib', context.resolve);
  if (!entries || entries.length === 0)
    return unconvertible(
      'the program has no typeAttribList built in the request. List its Cost and Tag entries, or call client.updateProgram by hand.',
    );

  const costs: string[] = [];
  const tags: string[] = [];
  for (const element of entries) {
    const entry = context.resolve(element);
    const attrType = staticString(propertyValue(entry, 'attrType'));
    const attributes = readNamedValues(
      propertyValue(entry, 'attrList'),
      'attrib',
      { name: 'name', value: 'value' },
      context.resolve,
    );
    if (!attributes || (attrType !== 'Cost' && attrType !== 'Tag')) {
      return unconvertible(
        'a typeAttrib is not a Cost or Tag with literal attrib names. Only costs and tags can be updated through REST, so rewrite this call by hand.',
      );
    }
    const byName = new Map(attributes.map((attribute) => [attribute.name, attribute.value]));
    if (attrType === 'Tag') {
      const tagType = byName.get('Type');
      const tagValue = byName.get('Value');
      if (!tagType || !tagValue)
        return unconvertible(
          'a Tag entry needs Type and Value. Add them, then run the migration again.',
        );
      tags.push(`{ tagType: ${slots.add(tagType)}, tagValue: ${slots.add(tagValue)} }`);
      continue;
    }
    if (byName.has('Id')) {
      return unconvertible(
        'REST cannot update one cost by its Id, because Update Program appends costs or replaces them all. Send the full cost list with costsDestructiveUpdate: true by hand.',
      );
    }
    const month = byName.get('Month');
    const amount = byName.get('Amount');
    if (!month || !amount)
      return unconvertible(
        'a Cost entry needs Month and Amount. Add them, then run the migration again.',
      );
    const note = byName.get('Note');
    const monthText = staticString(month);
    const startDate =
      monthText !== null ? quoted(`${monthText}-01`) : `\`\${${slots.add(month)}}-01\``;
    const amountText = staticString(amount);
    const cost =
      amountText !== null && /^\d+$/.test(amountText) ? amountText : `Number(${slots.add(amount)})`;
    costs.push(
      `{ startDate: ${startDate}, cost: ${cost}${note ? `, note: ${slots.add(note)}` : ''} }`,
    );
  }

  const fields: string[] = [];
  if (costs.length > 0) fields.push(`costs: [${costs.join(', ')}]`);
  if (tags.length > 0) fields.push(`tags: [${tags.join(', ')}]`);
  const notes =
    costs.length > 0
      ? [
          'syncMObjects: each Cost Month became the first day of that month as startDate, and REST appends these costs to the existing ones. Check that no cost is now stored twice.',
        ]
      : [];
  return {
    expression: `__client.updateProgram(${slots.add(id)}, { ${fields.join(', ')} })`,
    notes,
  };
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `syncMObjects: ${reason}` };
}
