import { type AstNode, propertyValue, singleChild, staticString } from '../src/core/ast.js';
import { REST_NAME_BY_SOAP_NAME } from '../src/core/data/lead-fields.js';
import { FILTER_TYPE_BY_KEY_TYPE } from '../src/core/data/lead-keys.js';
import type {
  OperationRecipe,
  RecipeContext,
  RestCall,
  Unconvertible,
} from '../src/core/recipe.js';

/**
 * getLead becomes Get Lead by Id for IDNUM keys and Get Leads by Filter Type for the others.
 * REST returns six default fields unless the call names others, so a result read in SOAP shape
 * requests every field. SOAP faulted with 20103 when no lead matched, and `requireLeadFound` or the
 * view restores that error.
 */
export const getLead: OperationRecipe = {
  operation: 'getLead',
  restEndpoints: [
    'GET /rest/v1/lead/{leadId}.json',
    'GET /rest/v1/leads.json',
    'GET /rest/v1/leads/describe.json',
  ],
  summary:
    'Rewrites getLead to Get Lead by Id (IDNUM) or Get Leads by Filter Type (the other key types).',
  resultShape: {
    arrays: { 'result.leadRecordList.leadRecord': 'result' },
    values: { 'result.count': { rest: 'result.length' } },
    elementFields: { Id: 'id', Email: 'email' },
    attributeRestName: (soapName) => REST_NAME_BY_SOAP_NAME.get(soapName) ?? null,
  },
  buildCall(request, context, mode, fieldsRead) {
    const key = readLeadKey(request, context.resolve);
    if ('unconvertible' in key) return key;
    const fields = mode === 'soap' ? ', allFields: true' : fieldsOption(fieldsRead);
    const call: RestCall = {
      expression: '',
      steps: [],
      view: '__client.soapView.getLead',
      restStep: 'requireLeadFound',
      slots: [key.keyValue],
      imports: mode === 'rest' ? ['requireLeadFound'] : [],
      notes: [],
    };
    if (key.keyType === null) {
      call.slots.push(key.keyTypeNode);
      call.imports.push('leadFilterType');
      call.expression = `__client.getLeadsByFilterType({ filterType: leadFilterType(__slot1), filterValues: [__slot0]${fields} })`;
      return call;
    }
    if (key.keyType === 'IDNUM') {
      call.expression = `__client.getLeadById(__slot0${fields ? `, {${fields.slice(1)} }` : ''})`;
      return call;
    }
    const filterType = FILTER_TYPE_BY_KEY_TYPE[key.keyType]!;
    call.expression = `__client.getLeadsByFilterType({ filterType: '${filterType}', filterValues: [__slot0]${fields} })`;
    return call;
  },
};

/** Fields REST returns when the call names none. */
const DEFAULT_FIELDS = new Set(['id', 'email', 'firstName', 'lastName', 'createdAt', 'updatedAt']);

/** Asks for the fields the rewritten reads use, when they go beyond the defaults. */
function fieldsOption(fieldsRead: readonly string[]): string {
  if (fieldsRead.every((field) => DEFAULT_FIELDS.has(field))) return '';
  const names = [...new Set(fieldsRead)].filter((field) => field !== 'id').sort();
  return `, fields: [${names.map((field) => `'${field}'`).join(', ')}]`;
}

type LeadKey = { keyType: string | null; keyTypeNode: AstNode; keyValue: AstNode };

function readLeadKey(
  request: AstNode | undefined,
  resolve: RecipeContext['resolve'],
): LeadKey | Unconvertible {
  const leadKey = resolve(singleChild(resolve(propertyValue(request, 'leadKey'))));
  if (
    !request ||
    request.type !== 'ObjectExpression' ||
    !leadKey ||
    leadKey.type !== 'ObjectExpression'
  ) {
    return {
      unconvertible:
        'getLead: the leadKey is built elsewhere, so its key type is unknown. Rewrite this call to client.getLeadById(id) or client.getLeadsByFilterType({ filterType, filterValues }).',
    };
  }
  const keyTypeNode = propertyValue(leadKey, 'keyType');
  const keyValue = propertyValue(leadKey, 'keyValue');
  if (!keyTypeNode || !keyValue) {
    return {
      unconvertible:
        'getLead: the leadKey has no keyType or keyValue. Give both, or rewrite this call by hand.',
    };
  }
  const keyType = staticString(keyTypeNode);
  if (keyType === null) return { keyType: null, keyTypeNode, keyValue };
  if (!(keyType in FILTER_TYPE_BY_KEY_TYPE)) {
    return {
      unconvertible: `getLead: '${keyType}' is not a SOAP lead key type. Fix the key type, then run the migration again.`,
    };
  }
  if (FILTER_TYPE_BY_KEY_TYPE[keyType] === null) {
    return {
      unconvertible: `getLead by ${keyType} has no REST filter type. Look the lead up by email, id or a searchable custom field instead.`,
    };
  }
  return { keyType, keyTypeNode, keyValue };
}
