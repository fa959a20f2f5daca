import {
  type AstNode,
  findProperty,
  hasDynamicKeys,
  propertyKey,
  propertyValue,
  repeatedChildren,
  staticString,
} from '../src/core/ast.js';
import { REST_NAME_BY_SOAP_NAME } from '../src/core/data/lead-fields.js';
import { partitionFor } from './soap-request.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';

/**
 * syncLead becomes one Sync Leads record with REST field names. The lookup follows SOAP's key
 * precedence: Marketo Id (update only), then the custom field that replaces ForeignSysPersonId,
 * then Email. `marketoCookie` adds Associate Lead, and `returnLead` a read-back in the view.
 */
export const syncLead: OperationRecipe = {
  operation: 'syncLead',
  restEndpoints: [
    'POST /rest/v1/leads.json',
    'POST /rest/v1/leads/{leadId}/associate.json',
    'GET /rest/v1/lead/{leadId}.json',
    'GET /rest/v1/leads/describe.json',
  ],
  summary:
    'Rewrites syncLead to Sync Leads, with Associate Lead for marketoCookie and a read-back for returnLead.',
  resultShape: {
    arrays: {},
    values: {
      'result.leadId': { rest: 'result.0.id' },
      'result.syncStatus.leadId': { rest: 'result.0.id' },
      'result.syncStatus.status': {
        rest: 'result.0.status',
        literals: { CREATED: 'created', UPDATED: 'updated', FAILED: 'skipped' },
        comparisonOnly: true,
      },
    },
    elementFields: {},
  },
  buildCall(request, context, mode) {
    if (!request || request.type !== 'ObjectExpression' || hasDynamicKeys(request)) {
      return unconvertible(
        'the request is built elsewhere or as an XML string. Rewrite it as client.syncLeads({ action, lookupField, input: [record] }) with REST field names.',
      );
    }
    const slots: AstNode[] = [];
    const slot = (node: AstNode): string => `__slot${slots.push(node) - 1}`;
    const recordNode = propertyValue(request, 'leadRecord');
    if (!recordNode)
      return unconvertible(
        'the request has no leadRecord. Add the lead to sync, then run the migration again.',
      );
    const record = context.resolve(recordNode);
    const fields =
      record?.type === 'ObjectExpression' && !hasDynamicKeys(record)
        ? readRecordFields(record, context)
        : null;
    const call =
      fields && !('unconvertible' in fields)
        ? staticCall(fields, context, slot)
        : runTimeCall(recordNode, context, slot);
    if ('unconvertible' in call) return call;
    addCookieAndReturnLead(call, request, mode, slot);
    call.slots = slots;
    return call;
  },
};

/** Builds the Sync Leads request in the source, with REST names where they are known. */
function staticCall(
  fields: RecordFields,
  context: RecipeContext,
  slot: (node: AstNode) => string,
): RestCall | Unconvertible {
  const lookup = chooseLookup(fields, context);
  if ('unconvertible' in lookup) return lookup;
  const input = fields.standard.map(([name, value]) => `${name}: ${slot(value)}`);
  if (lookup.inputField) input.unshift(`${lookup.inputField}: ${slot(lookup.keyValue)}`);
  const options = [`action: '${lookup.action}'`, `lookupField: '${lookup.lookupField}'`];
  if (lookup.partitionName) options.push(`partitionName: '${lookup.partitionName}'`);
  options.push(`input: [{ ${input.join(', ')} }]`);
  if (fields.custom.length > 0) {
    options.push(
      `soapFields: { ${fields.custom.map(([name, value]) => `${propertyName(name)}: ${slot(value)}`).join(', ')} }`,
    );
  }

  return {
    expression: `__client.syncLeads({ ${options.join(', ')} })`,
    steps: [],
    view: '__client.soapView.syncLead',
    restStep: null,
    slots: [],
    imports: [],
    notes: [...lookup.notes],
  };
}

/**
 * Converts a leadRecord that is built at run time, or whose attribute list is, with the
 * client's `soapLeadToSyncRequest`, which applies the same key precedence and field names.
 */
function runTimeCall(
  record: AstNode,
  context: RecipeContext,
  slot: (node: AstNode) => string,
): RestCall | Unconvertible {
  const partition = partitionFor('syncLead', context, 'syncLeads');
  if ('unconvertible' in partition) return partition;
  const options: string[] = [];
  if (context.config.foreignSysPersonIdField)
    options.push(`foreignSysPersonIdField: '${context.config.foreignSysPersonIdField}'`);
  if (partition.name) options.push(`partitionName: '${partition.name}'`);
  const optionsCode = options.length > 0 ? `, { ${options.join(', ')} }` : '';
  return {
    expression: `__client.soapLeadToSyncRequest(${slot(record)}${optionsCode}).then((request) => __client.syncLeads(request))`,
    steps: [],
    view: '__client.soapView.syncLead',
    restStep: null,
    slots: [],
    imports: [],
    notes: [],
  };
}

function addCookieAndReturnLead(
  call: RestCall,
  request: AstNode,
  mode: 'rest' | 'soap',
  slot: (node: AstNode) => string,
): void {
  const cookie = propertyValue(request, 'marketoCookie');
  if (cookie)
    call.steps.push(`(response) => __client.associateSyncedLead(response, ${slot(cookie)})`);
  const returnLead = propertyValue(request, 'returnLead');
  if (
    mode === 'soap' &&
    returnLead &&
    !(returnLead.type === 'BooleanLiteral' && !returnLead.value)
  ) {
    call.view = `(response) => __client.soapView.syncLead(response, { returnLead: ${slot(returnLead)} })`;
  }
}

/** Writes an object key bare when it is an identifier, else quoted. */
function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`;
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `syncLead: ${reason}` };
}

interface RecordFields {
  id: AstNode | null;
  email: AstNode | null;
  foreignId: AstNode | null;
  /** Standard fields as REST name and value, in source order. */
  standard: Array<[string, AstNode]>;
  /** Fields with no REST name known at transform time, by SOAP name. */
  custom: Array<[string, AstNode]>;
}

const RECORD_KEYS = new Set([
  'Id',
  'Email',
  'ForeignSysPersonId',
  'ForeignSysType',
  'leadAttributeList',
]);

function readRecordFields(record: AstNode, context: RecipeContext): RecordFields | Unconvertible {
  const { resolve } = context;
  for (const property of record.properties as AstNode[]) {
    const key = propertyKey(property);
    if (key !== null && !RECORD_KEYS.has(key))
      return unconvertible(
        `the leadRecord has a field '${key}' that LeadRecord does not define. Move it into leadAttributeList or rewrite this call by hand.`,
      );
  }
  const fields: RecordFields = {
    id: propertyValue(record, 'Id'),
    email: propertyValue(record, 'Email'),
    foreignId: propertyValue(record, 'ForeignSysPersonId'),
    standard: [],
    custom: [],
  };
  if (fields.email) fields.standard.push(['email', fields.email]);
  const list = resolve(propertyValue(record, 'leadAttributeList'));
  if (!list) return fields;
  const attributes =
    list?.type === 'ObjectExpression'
      ? repeatedChildren(resolve(propertyValue(list, 'attribute')))
      : null;
  if (!attributes) return unconvertible('leadAttributeList is built at run time.');
  for (const element of attributes) {
    const attribute = resolve(element)!;
    const name =
      attribute.type === 'ObjectExpression'
        ? staticString(propertyValue(attribute, 'attrName'))
        : null;
    const value =
      attribute.type === 'ObjectExpression' ? findProperty(attribute, 'attrValue')?.value : null;
    if (name === null || !value)
      return unconvertible(
        'an attribute of leadAttributeList has no literal attrName or no attrValue. Build the input record by hand.',
      );
    const restName = context.fieldMap[name] ?? REST_NAME_BY_SOAP_NAME.get(name);
    if (restName && /^[A-Za-z_$][\w$]*$/.test(restName)) fields.standard.push([restName, value]);
    else fields.custom.push([name, value]);
  }
  return fields;
}

interface Lookup {
  action: 'updateOnly' | 'createOrUpdate';
  lookupField: string;
  /** The input field that carries the key when it is not a standard field already listed. */
  inputField: string | null;
  keyValue: AstNode;
  partitionName: string | null;
  notes: string[];
}

/** Picks action and lookupField by SOAP's precedence: Id, then ForeignSysPersonId, then Email. */
function chooseLookup(fields: RecordFields, context: RecipeContext): Lookup | Unconvertible {
  const partition = partitionFor('syncLead', context, 'syncLeads');
  if ('unconvertible' in partition) return partition;
  if (fields.id) {
    const notes = partition.name
      ? [
          'syncLead: REST accepts partitionName only when creating leads, so this update by Id no longer checks the workspace. Confirm that is acceptable.',
        ]
      : [];
    return {
      action: 'updateOnly',
      lookupField: 'id',
      inputField: 'id',
      keyValue: fields.id,
      partitionName: null,
      notes,
    };
  }
  if (fields.foreignId) {
    const field = context.config.foreignSysPersonIdField;
    if (!field) {
      return unconvertible(
        'ForeignSysPersonId has no REST field. Create the custom lead field that replaces it, then set foreignSysPersonIdField in the --config file and run the migration again.',
      );
    }
    return {
      action: 'createOrUpdate',
      lookupField: field,
      inputField: field,
      keyValue: fields.foreignId,
      partitionName: partition.name,
      notes: [],
    };
  }
  if (fields.email) {
    return {
      action: 'createOrUpdate',
      lookupField: 'email',
      inputField: null,
      keyValue: fields.email,
      partitionName: partition.name,
      notes: [],
    };
  }
  return unconvertible(
    'the leadRecord has no Id, Email or ForeignSysPersonId, so REST has no field to look the lead up by. Add one of them.',
  );
}
