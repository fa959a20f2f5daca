/**
 * SOAP-shaped views of the Bulk Lead Import responses that replace importToList and
 * getImportToListStatus, in the node-soap JSON of the WSDL 2_7 elements `successImportToList`
 * and `successGetImportToListStatus`.
 */
import type { ImportJob, ImportLeadStatus, ImportStatus } from './bulk-import.js';
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import type { RestResponse } from './types.js';

/** ImportToListStatusEnum. REST has no CANCELED import, so the views never give it. */
export type SoapImportStatus = 'PROCESSING' | 'COMPLETE' | 'FAILED' | 'CANCELED';

export interface SoapImportToListResult {
  result: {
    importStatus: SoapImportStatus;
    /** Not in SOAP's result. REST finds the import by this id, so the view keeps it. */
    batchId: number;
  };
}

export interface SoapGetImportToListStatusResult {
  result: {
    status: SoapImportStatus;
    /** REST `numOfLeadsProcessed`. */
    rowsImported?: number;
    rowsFailed?: number;
    /** REST `message`, such as "2 records imported, 1 failed". */
    importSummary?: string;
  };
}

/** SOAP import status per REST bulk import status. */
const SOAP_IMPORT_STATUS = {
  Queued: 'PROCESSING',
  Importing: 'PROCESSING',
  Complete: 'COMPLETE',
  Failed: 'FAILED',
} as const satisfies Record<ImportStatus, SoapImportStatus>;

/** Builds SOAP importToList's result from an Import Leads response. */
export function toSoapImportToListResult(
  response: RestResponse<ImportJob>,
): SoapImportToListResult {
  const job = firstJob(response, 'soapView.importToList');
  return { result: { importStatus: soapStatus(job), batchId: job.batchId } };
}

/**
 * Builds SOAP getImportToListStatus' result from a Get Import Lead Status response. SOAP's
 * `rowsIgnored`, times and estimates have no REST source and are left out.
 */
export function toSoapGetImportToListStatusResult(
  response: RestResponse<ImportLeadStatus>,
): SoapGetImportToListStatusResult {
  const job = firstJob(response, 'soapView.getImportToListStatus');
  const result: SoapGetImportToListStatusResult['result'] = { status: soapStatus(job) };
  if (job.numOfLeadsProcessed !== undefined) result.rowsImported = job.numOfLeadsProcessed;
  if (job.numOfRowsFailed !== undefined) result.rowsFailed = job.numOfRowsFailed;
  if (job.message !== undefined) result.importSummary = job.message;
  return { result };
}

function firstJob<T extends ImportJob>(response: RestResponse<T>, operation: string): T {
  const job = response.result[0];
  if (job === undefined) {
    throw new MarketoError(
      `Marketo ${operation} failed: the import response has no result record, so there is no ` +
        'import status.',
      { code: CLIENT_ERROR_CODES.emptyResult, requestId: response.requestId, operation },
    );
  }
  return job;
}

function soapStatus(job: ImportJob): SoapImportStatus {
  const status: SoapImportStatus | undefined = SOAP_IMPORT_STATUS[job.status];
  if (status === undefined) {
    throw new MarketoError(
      `Marketo import of batch ${job.batchId} has the status ${JSON.stringify(job.status)}, ` +
        'which is not a documented bulk import status.',
      { code: CLIENT_ERROR_CODES.invalidResponse },
    );
  }
  return status;
}
