/**
 * SOAP syncMultipleLeads on Sync Leads: SOAP chose the lookup key per record, while one Sync
 * Leads call has one `lookupField`, so the records are grouped by key and sent group by group.
 */
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import type { LeadContext } from './leads.js';
import { syncLeads } from './leads.js';
import { joinResponses } from './paging.js';
import {
  soapLeadToSyncRequest,
  type SoapLeadRecordInput,
  type SoapLeadToSyncOptions,
} from './soap-lead.js';
import type { LeadInput, RestResponse, SyncLeadResult, SyncLeadsRequest } from './types.js';

export interface SyncSoapLeadsOptions extends SoapLeadToSyncOptions {
  /**
   * SOAP's `dedupEnabled`. False creates a new lead for each record keyed by email
   * (`createDuplicate`). Records with an `Id` or a `ForeignSysPersonId` are still matched.
   */
  dedupEnabled?: boolean;
}

interface SyncGroup {
  request: Omit<SyncLeadsRequest, 'input'>;
  input: LeadInput[];
  positions: number[];
}

/**
 * Syncs SOAP LeadRecords. Each record gets SOAP syncLead's key precedence: `Id` (update only, by
 * id), then `ForeignSysPersonId` (by `foreignSysPersonIdField`), then `Email`. Records that share
 * an action and lookup field go in one Sync Leads request, split into calls of 300. The groups
 * are sent one after another, and `result` contains one entry per record, in input order.
 * Throws TypeError for a record without a key and MarketoError `FIELD_NOT_FOUND` for an unknown
 * attribute name, before any Sync Leads call.
 */
export async function syncSoapLeads(
  context: LeadContext,
  leadRecords: SoapLeadRecordInput | readonly SoapLeadRecordInput[],
  options: SyncSoapLeadsOptions = {},
): Promise<RestResponse<SyncLeadResult>> {
  const operation = 'syncSoapLeads';
  // node-soap gives a list of one element as the element itself.
  const records: readonly SoapLeadRecordInput[] = Array.isArray(leadRecords)
    ? leadRecords
    : [leadRecords as SoapLeadRecordInput];
  if (records.length === 0) {
    throw new TypeError(`${operation}: leadRecords must contain at least one lead record.`);
  }

  const groups = new Map<string, SyncGroup>();
  for (const [position, record] of records.entries()) {
    const single = await soapLeadToSyncRequest(
      context.leadFields,
      record,
      options,
      `${operation} (leadRecord ${position})`,
    );
    const { input, ...request } = single;
    if (options.dedupEnabled === false && request.lookupField === 'email') {
      request.action = 'createDuplicate';
    }
    const key = JSON.stringify([request.action, request.lookupField, request.partitionName]);
    const group = groups.get(key) ?? { request, input: [], positions: [] };
    group.input.push(...input);
    group.positions.push(position);
    groups.set(key, group);
  }

  const result: SyncLeadResult[] = new Array<SyncLeadResult>(records.length);
  const responses: RestResponse<SyncLeadResult>[] = [];
  let sent = 0;
  for (const group of groups.values()) {
    let response: RestResponse<SyncLeadResult>;
    try {
      response = await syncLeads(context, { ...group.request, input: group.input });
    } catch (error) {
      if (sent > 0 && error instanceof Error) {
        // NOTE: the results of the records already synced are not returned with the error.
        error.message += ` ${sent} of ${records.length} lead records were synced before it.`;
      }
      throw error;
    }
    responses.push(response);
    if (response.result.length !== group.positions.length) {
      throw new MarketoError(
        `Marketo ${operation} failed: Sync Leads returned ${response.result.length} results ` +
          `for ${group.positions.length} records, so the statuses cannot be matched to them.`,
        { code: CLIENT_ERROR_CODES.invalidResponse, requestId: response.requestId, operation },
      );
    }
    for (const [index, position] of group.positions.entries()) {
      result[position] = response.result[index] as SyncLeadResult;
    }
    sent += group.input.length;
  }
  return { ...joinResponses(responses), result };
}
