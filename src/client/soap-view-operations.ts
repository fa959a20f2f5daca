/**
 * SOAP-shaped views of the REST responses of requestCampaign, scheduleCampaign, mergeLeads and
 * listOperation, in the node-soap JSON of the WSDL 2_7 elements `successRequestCampaign`,
 * `successScheduleCampaign`, `successMergeLeads` and `successListOperation`.
 */
import { validId } from './batch.js';
import type { ListMemberResult } from './lists.js';
import type { RestResponse } from './types.js';

/** The result of SOAP requestCampaign and scheduleCampaign. */
export interface SoapSuccessResult {
  result: { success: boolean };
}

export interface SoapMergeStatus {
  winningLeadId: number;
  losingLeadIdList: { integerItem: number[] };
  status: 'MERGED' | 'FAILED';
  error?: string;
}

export interface SoapMergeLeadsResult {
  result: { mergeStatus: SoapMergeStatus };
}

/** Builds `{ result: { success } }` from a Request Campaign or Schedule Campaign response. */
export function toSoapSuccessResult(response: RestResponse<unknown>): SoapSuccessResult {
  return { result: { success: response.success === true } };
}

/**
 * Builds SOAP mergeLeads' `mergeStatus` from the request ids, because Merge Leads returns no
 * per-lead result. `status` is MERGED when `success` is true, else FAILED with the first error.
 * The client throws on `success: false`, so FAILED appears only for responses built elsewhere.
 */
export function toSoapMergeLeadsResult(
  response: RestResponse<unknown>,
  winnerId: number | string,
  loserIds: readonly (number | string)[],
): SoapMergeLeadsResult {
  const operation = 'soapView.mergeLeads';
  const mergeStatus: SoapMergeStatus = {
    winningLeadId: Number(validId(operation, 'winning lead id', winnerId)),
    losingLeadIdList: {
      integerItem: loserIds.map((id) => Number(validId(operation, 'losing lead id', id))),
    },
    status: response.success === true ? 'MERGED' : 'FAILED',
  };
  const issue = response.errors?.[0];
  if (mergeStatus.status === 'FAILED') {
    mergeStatus.error = issue === undefined ? 'Merge failed' : `${issue.code} - ${issue.message}`;
  }
  return { result: { mergeStatus } };
}

export interface SoapLeadStatus {
  leadKey: { keyType: 'IDNUM'; keyValue: string };
  status: boolean;
}

export interface SoapListOperationResult {
  result: { success: boolean; statusList: { leadStatus: SoapLeadStatus[] } };
}

/** REST list statuses that SOAP reported as `status: true`. */
const LIST_STATUS_TRUE: ReadonlySet<ListMemberResult['status']> = new Set([
  'added',
  'removed',
  'memberof',
]);

/**
 * Builds SOAP listOperation's result from an Add to List, Remove from List or Member of List
 * response. Each lead key is the IDNUM of the REST record. `success` is true when every status
 * is true, as in SOAP, where one false status made the whole result false.
 */
export function toSoapListOperationResult(
  response: RestResponse<ListMemberResult>,
): SoapListOperationResult {
  const leadStatus = response.result.map((record) => ({
    leadKey: { keyType: 'IDNUM' as const, keyValue: String(record.id) },
    status: LIST_STATUS_TRUE.has(record.status),
  }));
  const success = response.success === true && leadStatus.every((entry) => entry.status);
  return { result: { success, statusList: { leadStatus } } };
}
