/**
 * SOAP-shaped views of REST responses, for migrated code whose result escapes to readers that
 * still expect the node-soap JSON of the WSDL 2_7 result elements.
 */
import { CLIENT_ERROR_CODES, MarketoError, requireLeadFound } from './errors.js';
import { STANDARD_LEAD_FIELDS } from './standard-fields.js';
import type { Lead, LeadField, RestResponse, SyncLeadResult } from './types.js';

export interface SoapAttribute {
  attrName: string;
  attrType?: string;
  attrValue: string;
}

export interface SoapLeadRecord {
  Id: number;
  Email?: string;
  leadAttributeList: { attribute: SoapAttribute[] };
}

export interface SoapGetLeadResult {
  result: { count: number; leadRecordList: { leadRecord: SoapLeadRecord[] } };
}

export interface SoapSyncStatus {
  leadId: number | undefined;
  status: 'CREATED' | 'UPDATED' | 'FAILED';
  error?: string;
}

export interface SoapSyncLeadResult {
  result: { leadId: number | undefined; syncStatus: SoapSyncStatus; leadRecord?: SoapLeadRecord };
}

export interface SoapGetMultipleLeadsResult {
  result: {
    returnCount: number;
    /**
     * 0 on the last page, else 1. REST gives no count of the remaining leads, so 1 means only
     * that more pages exist.
     */
    remainingCount: number;
    /** The REST `nextPageToken`, which only REST calls accept. Absent on the last page. */
    newStreamPosition?: string;
    leadRecordList: { leadRecord: SoapLeadRecord[] };
  };
}

export interface SoapSyncMultipleLeadsResult {
  result: { syncStatusList: { syncStatus: SoapSyncStatus[] } };
}

/**
 * SOAP `attrValue` strings for boolean REST values.
 * NOTE: the one captured SOAP response seen carried `1` for true. `0` for false is assumed.
 */
export const SOAP_BOOLEAN_VALUES = { true: '1', false: '0' } as const;

/** SOAP LeadSyncStatus per REST record status. SOAP had no "skipped", only FAILED. */
const SOAP_SYNC_STATUS = {
  created: 'CREATED',
  updated: 'UPDATED',
  skipped: 'FAILED',
} as const satisfies Record<SyncLeadResult['status'], SoapSyncStatus['status']>;

const SOAP_NAME_BY_REST_NAME: ReadonlyMap<string, string> = new Map(
  STANDARD_LEAD_FIELDS.map((field) => [field.rest, field.soap]),
);

/** REST keys that map to LeadRecord elements rather than attributes. */
const RECORD_ELEMENT_KEYS = new Set(['id', 'email']);

/** Client services that the views use. */
export interface SoapViewContext {
  leadFields(): Promise<LeadField[]>;
  /** Describe Lead's fields if the client has already read them, without a call. */
  knownLeadFields(): LeadField[] | undefined;
  getLeadById(leadId: number, options: { allFields: boolean }): Promise<RestResponse<Lead>>;
}

/**
 * Builds SOAP getLead's result from a Get Lead by Id or Get Leads by Filter Type response. Throws
 * the 20103 `Lead Not Found` MarketoError on an empty result, as SOAP faulted.
 */
export async function toSoapGetLeadResult(
  context: SoapViewContext,
  response: RestResponse<Lead>,
): Promise<SoapGetLeadResult> {
  requireLeadFound(response);
  const fields = await fieldsFor(context, response.result);
  const leadRecord = response.result.map((lead) => toSoapLeadRecord(lead, fields));
  return { result: { count: leadRecord.length, leadRecordList: { leadRecord } } };
}

/**
 * Builds SOAP syncLead's result from a Sync Leads response with one input record. With
 * `returnLead`, it reads the synced lead back with all fields, as SOAP returned it.
 */
export async function toSoapSyncLeadResult(
  context: SoapViewContext,
  response: RestResponse<SyncLeadResult>,
  options: { returnLead?: boolean } = {},
): Promise<SoapSyncLeadResult> {
  const record = response.result[0];
  if (record === undefined) {
    const message = 'Marketo syncLeads returned no result record, so there is no sync status.';
    throw new MarketoError(message, {
      code: CLIENT_ERROR_CODES.emptyResult,
      requestId: response.requestId,
      operation: 'syncLeads',
    });
  }

  const syncStatus = toSoapSyncStatus(record);
  const result: SoapSyncLeadResult['result'] = { leadId: record.id, syncStatus };

  if (options.returnLead && record.status !== 'skipped' && record.id !== undefined) {
    const readBack = await context.getLeadById(record.id, { allFields: true });
    const fields = await fieldsFor(context, readBack.result);
    const lead = readBack.result[0];
    if (lead !== undefined) result.leadRecord = toSoapLeadRecord(lead, fields);
  }
  return { result };
}

/**
 * Builds SOAP getMultipleLeads' result from one page of Get Leads by Filter Type or Get Leads
 * by List Id. An empty page gives `returnCount` 0, as SOAP did, not an error.
 */
export async function toSoapGetMultipleLeadsResult(
  context: SoapViewContext,
  response: RestResponse<Lead>,
): Promise<SoapGetMultipleLeadsResult> {
  const fields = await fieldsFor(context, response.result);
  const leadRecord = response.result.map((lead) => toSoapLeadRecord(lead, fields));
  const token = response.nextPageToken;
  // Get Leads by List Id has no `moreResult`, so a token alone means more pages.
  const more = typeof token === 'string' && token !== '' && response.moreResult !== false;
  const result: SoapGetMultipleLeadsResult['result'] = {
    returnCount: leadRecord.length,
    remainingCount: more ? 1 : 0,
    leadRecordList: { leadRecord },
  };
  if (more) result.newStreamPosition = token;
  return { result };
}

/** Builds SOAP syncMultipleLeads' `syncStatusList` from a Sync Leads response, in input order. */
export function toSoapSyncMultipleLeadsResult(
  response: RestResponse<SyncLeadResult>,
): SoapSyncMultipleLeadsResult {
  return { result: { syncStatusList: { syncStatus: response.result.map(toSoapSyncStatus) } } };
}

function toSoapSyncStatus(record: SyncLeadResult): SoapSyncStatus {
  const syncStatus: SoapSyncStatus = { leadId: record.id, status: SOAP_SYNC_STATUS[record.status] };
  const reason = record.reasons?.[0];
  if (record.status === 'skipped' && reason !== undefined) {
    syncStatus.error = `${reason.code} - ${reason.message}`;
  }
  return syncStatus;
}

// Describe Lead is read only when some field is missing from the standard table. Otherwise its
// data types are used only if the client has already read it.
async function fieldsFor(
  context: SoapViewContext,
  leads: readonly Lead[],
): Promise<Map<string, LeadField> | undefined> {
  const needsDescribe = leads.some((lead) =>
    Object.keys(lead).some(
      (key) => !RECORD_ELEMENT_KEYS.has(key) && !SOAP_NAME_BY_REST_NAME.has(key),
    ),
  );
  const described = needsDescribe ? await context.leadFields() : context.knownLeadFields();
  if (described === undefined) return undefined;
  const byRestName = new Map<string, LeadField>();
  for (const field of described) if (field.rest) byRestName.set(field.rest.name, field);
  return byRestName;
}

/**
 * Converts one flat REST lead into a SOAP LeadRecord. Null values and empty strings are left out,
 * as SOAP's getLead left out empty attributes.
 */
export function toSoapLeadRecord(
  lead: Lead,
  fields: Map<string, LeadField> | undefined,
): SoapLeadRecord {
  const record: SoapLeadRecord = { Id: lead.id, leadAttributeList: { attribute: [] } };
  if (typeof lead['email'] === 'string' && lead['email'] !== '') record.Email = lead['email'];

  for (const [restName, value] of Object.entries(lead)) {
    if (RECORD_ELEMENT_KEYS.has(restName)) continue;
    if (value === null || value === undefined || value === '') continue;
    const described = fields?.get(restName);
    // NOTE: a field with no SOAP name (REST-only, such as createdAt) keeps its REST name, so that
    // no value is lost.
    const attrName = SOAP_NAME_BY_REST_NAME.get(restName) ?? described?.soap?.name ?? restName;
    const attribute: SoapAttribute = { attrName, attrValue: toAttrValue(value) };
    if (described !== undefined) attribute.attrType = described.dataType;
    record.leadAttributeList.attribute.push(attribute);
  }
  return record;
}

function toAttrValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === true) return SOAP_BOOLEAN_VALUES.true;
  if (value === false) return SOAP_BOOLEAN_VALUES.false;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
