/**
 * Conversion of SOAP lead input (field names of the SOAP API, LeadRecord objects built at run
 * time) into Sync Leads input with REST field names.
 */
import { CLIENT_ERROR_CODES, MarketoConfigError, MarketoError } from './errors.js';
import { STANDARD_LEAD_FIELDS } from './standard-fields.js';
import type { LeadField, LeadInput, SyncLeadsRequest } from './types.js';

const REST_NAME_BY_SOAP_NAME: ReadonlyMap<string, string> = new Map(
  STANDARD_LEAD_FIELDS.map((field) => [field.soap, field.rest]),
);

/** LeadRecord elements outside `leadAttributeList` in WSDL 2_7. */
const LEAD_RECORD_KEYS = new Set([
  'Id',
  'Email',
  'ForeignSysPersonId',
  'ForeignSysType',
  'leadAttributeList',
]);

/** node-soap puts XML attributes of an element, such as `xsi:type`, under this key. */
const XML_ATTRIBUTES_KEY = 'attributes';

/** One `attribute` of a SOAP `leadAttributeList`. */
export interface SoapLeadAttributeInput {
  attrName: string;
  attrType?: string;
  attrValue: unknown;
}

/**
 * A SOAP LeadRecord as migrated code builds it at run time. Keys may carry a namespace prefix,
 * such as `'ns1:Email'`, which is ignored.
 */
export interface SoapLeadRecordInput {
  Id?: number | string | null;
  Email?: string | null;
  ForeignSysPersonId?: string | null;
  /** CUSTOM, SFDC or NETSUITE. REST has no such field, so it is dropped. */
  ForeignSysType?: string | null;
  leadAttributeList?: {
    attribute: SoapLeadAttributeInput | readonly SoapLeadAttributeInput[];
  } | null;
  [prefixedKey: string]: unknown;
}

export interface SoapLeadToSyncOptions {
  /** REST name of the custom lead field that replaces SOAP's `ForeignSysPersonId`. */
  foreignSysPersonIdField?: string;
  /** Lead partition for new leads, the REST replacement of a SOAP target workspace. */
  partitionName?: string;
}

/**
 * Renames fields given by SOAP API name to REST names: by the standard field table first, then
 * by Describe Lead's `soap.name`, which `leadFields` reads only when a name is not in the table.
 * Throws MarketoError `FIELD_NOT_FOUND` (soapCode `'20105'`) naming the first unknown field.
 */
export async function renameSoapFields(
  leadFields: () => Promise<LeadField[]>,
  soapFields: Readonly<Record<string, unknown>>,
  operation: string,
): Promise<LeadInput> {
  const renamed: LeadInput = {};
  let described: Map<string, LeadField> | undefined;

  for (const [soapName, value] of Object.entries(soapFields)) {
    let restName = REST_NAME_BY_SOAP_NAME.get(soapName);
    if (restName === undefined) {
      described ??= bySoapName(await leadFields());
      restName = described.get(soapName)?.rest?.name;
    }
    if (restName === undefined) throw fieldNotFound(soapName, described, operation);
    renamed[restName] = value;
  }
  return renamed;
}

/**
 * Builds a Sync Leads request from a SOAP LeadRecord by SOAP syncLead's key precedence: `Id`
 * (update only, by id), then `ForeignSysPersonId` (by the configured custom field), then
 * `Email`. The record's elements win over attributes of the same REST name. Values are kept as
 * given.
 */
export async function soapLeadToSyncRequest(
  leadFields: () => Promise<LeadField[]>,
  leadRecord: SoapLeadRecordInput,
  options: SoapLeadToSyncOptions = {},
  operation = 'soapLeadToSyncRequest',
): Promise<SyncLeadsRequest> {
  if (typeof leadRecord !== 'object' || leadRecord === null || Array.isArray(leadRecord)) {
    throw new TypeError(`${operation}: leadRecord must be a SOAP LeadRecord object.`);
  }
  const record = withoutPrefixes(leadRecord);
  const unknownKey = Object.keys(record).find(
    (key) => !LEAD_RECORD_KEYS.has(key) && key !== XML_ATTRIBUTES_KEY,
  );
  if (unknownKey !== undefined) {
    throw new TypeError(
      `${operation}: leadRecord has the key ${JSON.stringify(unknownKey)}, which a SOAP ` +
        'LeadRecord does not define. Move the field into leadAttributeList.attribute.',
    );
  }

  const id = present(record['Id']) ? record['Id'] : undefined;
  const email = present(record['Email']) ? record['Email'] : undefined;
  const foreignId = present(record['ForeignSysPersonId'])
    ? record['ForeignSysPersonId']
    : undefined;
  const attributes = await renameSoapFields(
    leadFields,
    attributeFields(record['leadAttributeList'], operation),
    operation,
  );

  const elements: LeadInput = {};
  if (id !== undefined) elements['id'] = id;
  if (email !== undefined) elements['email'] = email;
  if (foreignId !== undefined) {
    elements[foreignIdField(options, operation)] = foreignId;
  }
  const input: LeadInput = { ...attributes, ...elements };

  if (id !== undefined) {
    // REST accepts partitionName only with createOnly and createOrUpdate.
    return { action: 'updateOnly', lookupField: 'id', input: [input] };
  }
  let lookupField: string;
  if (foreignId !== undefined) lookupField = foreignIdField(options, operation);
  else if (email !== undefined) lookupField = 'email';
  else {
    throw new TypeError(
      `${operation}: leadRecord has no Id, Email or ForeignSysPersonId, so there is no field ` +
        'to look the lead up by. Set one of them.',
    );
  }
  const request: SyncLeadsRequest = { action: 'createOrUpdate', lookupField, input: [input] };
  if (options.partitionName !== undefined) request.partitionName = options.partitionName;
  return request;
}

function foreignIdField(options: SoapLeadToSyncOptions, operation: string): string {
  const field = options.foreignSysPersonIdField;
  if (field === undefined || field.trim() === '') {
    throw new MarketoConfigError(
      `${operation}: the leadRecord has a ForeignSysPersonId, which has no REST field. Create ` +
        'the custom lead field that replaces it and pass its REST name as ' +
        'foreignSysPersonIdField.',
    );
  }
  return field;
}

// Collects `attrName: attrValue` pairs from a leadAttributeList with one or several attributes.
function attributeFields(list: unknown, operation: string): Record<string, unknown> {
  if (list === undefined || list === null) return {};
  if (typeof list !== 'object') {
    throw new TypeError(`${operation}: leadAttributeList must be an object with an attribute key.`);
  }
  const attribute = withoutPrefixes(list as Record<string, unknown>)['attribute'];
  if (attribute === undefined || attribute === null) return {};
  const items: unknown[] = Array.isArray(attribute) ? attribute : [attribute];

  const fields: Record<string, unknown> = {};
  for (const [index, item] of items.entries()) {
    const entry = typeof item === 'object' && item !== null ? withoutPrefixes(item) : {};
    const name = entry['attrName'];
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(
        `${operation}: leadAttributeList.attribute[${index}] has no attrName. Each attribute ` +
          'needs attrName and attrValue.',
      );
    }
    fields[name] = entry['attrValue'];
  }
  return fields;
}

// Drops XML namespace prefixes from keys: `ns1:Email` becomes `Email`.
function withoutPrefixes(value: object): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    output[key.replace(/^[A-Za-z_][\w.-]*:/, '')] = item;
  }
  return output;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function bySoapName(fields: readonly LeadField[]): Map<string, LeadField> {
  const map = new Map<string, LeadField>();
  for (const field of fields) if (field.soap) map.set(field.soap.name, field);
  return map;
}

function fieldNotFound(
  soapName: string,
  described: Map<string, LeadField> | undefined,
  operation: string,
): MarketoError {
  const soapOnly = described?.get(soapName) !== undefined;
  const reason = soapOnly
    ? 'Describe Lead lists it for the SOAP API only, with no REST name'
    : 'neither the standard field table nor Describe Lead contains it';
  return new MarketoError(
    `Marketo ${operation} failed: unknown SOAP lead field ${JSON.stringify(soapName)}, because ` +
      `${reason}. Check the name, or pass the field by its REST name.`,
    { code: CLIENT_ERROR_CODES.fieldNotFound, soapCode: '20105', operation },
  );
}
