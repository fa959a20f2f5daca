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
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';
import {
  SlotList,
  memberOf,
  requestObject,
  partitionFor,
  repeatedChildOf,
} from './soap-request.js';

/**
 * syncMultipleLeads becomes Sync Leads. REST takes one `lookupField` per call, so a literal
 * batch whose records all use the same key (Id, ForeignSysPersonId or Email) becomes one
 * `syncLeads` request with REST field names. Any other batch goes to `syncSoapLeads`, which
 * splits the records by key, sends each group and returns the statuses in input order.
 * `dedupEnabled: false` becomes `action: 'createDuplicate'`.
 */
export const syncMultipleLeads: OperationRecipe = {
  operation: 'syncMultipleLeads',
  restEndpoints: ['POST /rest/v1/leads.json', 'GET /rest/v1/leads/describe.json'],
  summary:
    'Rewrites syncMultipleLeads to Sync Leads, split by lookup field, with statuses in input order.',
  resultShape: {
    arrays: { 'result.syncStatusList.syncStatus': 'result' },
    values: {},
    elementFields: { leadId: 'id' },
  },
  buildCall(request, context) {
    const object = requestObject(request);
    if (!object) {
      return unconvertible(
        'the request is built elsewhere. Rewrite it as client.syncSoapLeads(leadRecords, { dedupEnabled }) or as client.syncLeads({ action, lookupField, input }) with REST field names.',
      );
    }
    const listNode = propertyValue(object, 'leadRecordList');
    if (!listNode)
      return unconvertible(
        'the request has no leadRecordList. Add the leads to sync, then run the migration again.',
      );
    const partition = partitionFor('syncMultipleLeads', context, 'syncSoapLeads');
    if ('unconvertible' in partition) return partition;

    const slots = new SlotList();
    const dedup = propertyValue(object, 'dedupEnabled');
    const list = context.resolve(listNode);
    const recordsNode =
      list?.type === 'ObjectExpression' && !hasDynamicKeys(list)
        ? propertyValue(list, 'leadRecord')
        : null;
    const elements = recordsNode ? repeatedChildren(context.resolve(recordsNode)) : null;
    const dedupKnown = !dedup || dedup.type === 'BooleanLiteral';
    if (elements && elements.length === 0)
      return unconvertible('leadRecordList.leadRecord is empty. Add at least one lead record.');
    if (elements && dedupKnown) {
      const records = readRecords(elements, context);
      if ('unconvertible' in records) return records;
      if (records.kind === 'static') {
        const dedupEnabled = !dedup || (dedup.type === 'BooleanLiteral' && dedup.value === true);
        const lookup = chooseLookup(records.records, context, dedupEnabled, partition.name);
        if ('unconvertible' in lookup) return lookup;
        if (lookup.kind === 'single') return staticCall(records.records, lookup, slots);
      }
    }

    const options: string[] = [];
    if (dedup && !(dedup.type === 'BooleanLiteral' && dedup.value === true))
      options.push(`dedupEnabled: ${slots.add(dedup)}`);
    if (context.config.foreignSysPersonIdField)
      options.push(`foreignSysPersonIdField: '${context.config.foreignSysPersonIdField}'`);
    if (partition.name) options.push(`partitionName: '${partition.name}'`);
    const records = runTimeRecords(context, listNode, recordsNode);
    const optionsCode = options.length > 0 ? `, { ${options.join(', ')} }` : '';
    return restCall(`__client.syncSoapLeads(${slots.add(records)}${optionsCode})`, slots, []);
  },
};

/**
 * Returns the records expression for `syncSoapLeads`. A request or list held in a variable is
 * read through that variable, so the code that builds it keeps its own formatting.
 */
function runTimeRecords(
  context: RecipeContext,
  listNode: AstNode,
  recordsNode: AstNode | null,
): AstNode {
  const argument = (context.callPath?.node.arguments as AstNode[] | undefined)?.[0];
  if (argument?.type === 'Identifier')
    return memberOf(memberOf(argument, 'leadRecordList'), 'leadRecord');
  if (listNode.type === 'Identifier' || !recordsNode) return memberOf(listNode, 'leadRecord');
  return recordsNode;
}

function restCall(expression: string, slots: SlotList, notes: string[]): RestCall {
  return {
    expression,
    steps: [],
    view: '__client.soapView.syncMultipleLeads',
    restStep: null,
    slots: slots.nodes,
    imports: [],
    notes,
  };
}

/** One literal LeadRecord, with its fields by REST name in source order. */
interface LiteralRecord {
  key: 'id' | 'foreign' | 'email' | 'none';
  keyValue: AstNode | null;
  fields: Array<[string, AstNode]>;
}

type Records = { kind: 'static'; records: LiteralRecord[] } | { kind: 'runtime' };

const RECORD_KEYS = new Set([
  'Id',
  'Email',
  'ForeignSysPersonId',
  'ForeignSysType',
  'leadAttributeList',
]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Reads literal LeadRecords. A record built at run time, or an attribute whose REST name is
 * unknown at transform time, makes the batch a run-time batch, which the client converts.
 */
function readRecords(elements: AstNode[], context: RecipeContext): Records | Unconvertible {
  const records: LiteralRecord[] = [];
  for (const element of elements) {
    const record = context.resolve(element);
    if (record?.type !== 'ObjectExpression' || hasDynamicKeys(record)) return { kind: 'runtime' };
    for (const property of record.properties as AstNode[]) {
      const key = propertyKey(property);
      if (key !== null && !RECORD_KEYS.has(key)) {
        return unconvertible(
          `a leadRecord has a field '${key}' that LeadRecord does not define. Move it into leadAttributeList or rewrite this call by hand.`,
        );
      }
    }
    const id = propertyValue(record, 'Id');
    const foreignId = propertyValue(record, 'ForeignSysPersonId');
    const email = propertyValue(record, 'Email');
    // SOAP's key precedence: Id, then ForeignSysPersonId, then Email.
    let key: LiteralRecord['key'] = 'none';
    if (id) key = 'id';
    else if (foreignId) key = 'foreign';
    else if (email) key = 'email';
    const literal: LiteralRecord = {
      key,
      keyValue: id ?? foreignId ?? email,
      fields: email && key !== 'email' ? [['email', email]] : [],
    };
    if (literal.key === 'none') {
      return unconvertible(
        'a leadRecord has no Id, Email or ForeignSysPersonId, so REST has no field to look the lead up by. Add one of them.',
      );
    }
    const attributeList = context.resolve(propertyValue(record, 'leadAttributeList'));
    if (attributeList) {
      const attributes = repeatedChildOf(attributeList, 'attribute', context.resolve);
      if (!attributes) return { kind: 'runtime' };
      for (const element of attributes) {
        const attribute = context.resolve(element);
        const name =
          attribute?.type === 'ObjectExpression'
            ? staticString(propertyValue(attribute, 'attrName'))
            : null;
        const value =
          attribute?.type === 'ObjectExpression'
            ? findProperty(attribute, 'attrValue')?.value
            : null;
        const restName = name === null ? undefined : REST_NAME_BY_SOAP_NAME.get(name);
        if (!value || !restName || !IDENTIFIER.test(restName)) return { kind: 'runtime' };
        literal.fields.push([restName, value]);
      }
    }
    records.push(literal);
  }
  return { kind: 'static', records };
}

interface Lookup {
  action: 'updateOnly' | 'createOrUpdate' | 'createDuplicate';
  lookupField: string;
  partitionName: string | null;
  notes: string[];
}

/**
 * Picks the one action and lookup field that every record of the batch shares. Returns `split`
 * when the records use different keys, so the client must group them.
 */
function chooseLookup(
  records: LiteralRecord[],
  context: RecipeContext,
  dedupEnabled: boolean,
  partitionName: string | null,
): (Lookup & { kind: 'single' }) | { kind: 'split' } | Unconvertible {
  const kinds = new Set(records.map((record) => record.key));
  if (kinds.has('foreign') && !context.config.foreignSysPersonIdField) {
    return unconvertible(
      'ForeignSysPersonId has no REST field. Create the custom lead field that replaces it, then set foreignSysPersonIdField in the --config file and run the migration again.',
    );
  }
  if (kinds.size !== 1) return { kind: 'split' };
  const [kind] = [...kinds];
  if (kind === 'id') {
    const notes = partitionName
      ? [
          'syncMultipleLeads: REST accepts partitionName only when creating leads, so these updates by Id no longer check the workspace. Confirm that is acceptable.',
        ]
      : [];
    return { kind: 'single', action: 'updateOnly', lookupField: 'id', partitionName: null, notes };
  }
  const action = dedupEnabled ? 'createOrUpdate' : 'createDuplicate';
  const lookupField = kind === 'foreign' ? context.config.foreignSysPersonIdField! : 'email';
  return { kind: 'single', action, lookupField, partitionName, notes: [] };
}

function staticCall(records: LiteralRecord[], lookup: Lookup, slots: SlotList): RestCall {
  const input = records.map((record) => {
    const fields = [`${keyField(record, lookup)}: ${slots.add(record.keyValue!)}`];
    for (const [name, value] of record.fields) fields.push(`${name}: ${slots.add(value)}`);
    return `{ ${fields.join(', ')} }`;
  });
  const options = [`action: '${lookup.action}'`, `lookupField: '${lookup.lookupField}'`];
  if (lookup.partitionName) options.push(`partitionName: '${lookup.partitionName}'`);
  options.push(`input: [${input.join(', ')}]`);
  return restCall(`__client.syncLeads({ ${options.join(', ')} })`, slots, lookup.notes);
}

function keyField(record: LiteralRecord, lookup: Lookup): string {
  if (record.key === 'id') return 'id';
  if (record.key === 'email') return 'email';
  return IDENTIFIER.test(lookup.lookupField) ? lookup.lookupField : `'${lookup.lookupField}'`;
}

function unconvertible(reason: string): Unconvertible {
  return { unconvertible: `syncMultipleLeads: ${reason}` };
}
