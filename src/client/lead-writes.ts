/** Merge Leads and Submit Form. Both change data, so neither is retried after it may have run. */
import { requireItems, sendInBatches, validId } from './batch.js';
import { chunk, splitSyncInput, type LeadContext } from './leads.js';
import type { RestIssue, RestResponse } from './types.js';

/** Losing lead ids per Merge Leads call. From March 31, 2026 Marketo rejects more with 1080. */
export const MERGE_LOSERS_PER_CALL = 25;

/** Client-side timeouts: Marketo's server timeout plus 10 s. */
export const LEAD_WRITE_TIMEOUTS_MS = {
  /** Merge Leads times out at 180 s on the server. */
  mergeLeads: 190_000,
  /** Leads endpoints default to 30 s on the server. */
  submitForm: 40_000,
} as const;

export interface MergeLeadsOptions {
  /** Merge in the CRM too. Valid only for instances with native SFDC sync. */
  mergeInCRM?: boolean;
}

export interface SubmitFormRecord {
  /** Form fields by REST name. `email` is required. */
  leadFormFields: { email: string } & Record<string, unknown>;
  visitorData?: {
    pageURL?: string;
    queryString?: string;
    leadClientIpAddress?: string;
    userAgentString?: string;
  };
  /** Munchkin `_mkto_trk` cookie value. */
  cookie?: string;
}

export interface SubmitFormRequest {
  formId: number;
  programId?: number;
  input: readonly SubmitFormRecord[];
}

export interface SubmitFormResult {
  id?: number;
  status: 'created' | 'updated' | 'skipped';
  reasons?: RestIssue[];
}

/**
 * Merges the losing leads into the winner. More than 25 losers are merged in several calls, one
 * after another, into the same winner.
 */
export async function mergeLeads(
  context: LeadContext,
  winnerId: number | string,
  loserIds: readonly (number | string)[],
  options: MergeLeadsOptions = {},
): Promise<RestResponse<never>> {
  const operation = 'mergeLeads';
  const winner = validId(operation, 'winning lead id', winnerId);
  requireItems(operation, 'loserIds', loserIds);
  const losers = loserIds.map((loserId) => validId(operation, 'losing lead id', loserId));
  if (losers.includes(winner)) {
    throw new TypeError(`${operation}: lead ${winner} cannot be both the winner and a loser.`);
  }
  return sendInBatches(chunk(losers, MERGE_LOSERS_PER_CALL), (batch) =>
    context.transport.call<never>({
      operation,
      method: 'POST',
      path: `/rest/v1/leads/${winner}/merge.json`,
      query: { leadIds: batch, mergeInCRM: options.mergeInCRM },
      idempotent: false,
      defaultTimeoutMs: LEAD_WRITE_TIMEOUTS_MS.mergeLeads,
    }),
  );
}

/**
 * Submits a form for each input record, which upserts the lead by email and logs a "Fill Out
 * Form" activity. Input over 300 records is sent in several calls.
 */
export async function submitForm(
  context: LeadContext,
  request: SubmitFormRequest,
): Promise<RestResponse<SubmitFormResult>> {
  const operation = 'submitForm';
  validId(operation, 'formId', request.formId);
  if (request.programId !== undefined) validId(operation, 'programId', request.programId);
  requireItems(operation, 'input', request.input);
  const missing = request.input.findIndex((record) => !record.leadFormFields?.email);
  if (missing >= 0) {
    throw new TypeError(`${operation}: input[${missing}].leadFormFields.email is missing.`);
  }
  const { input, ...settings } = request;
  return sendInBatches(splitSyncInput(input), (batch) =>
    context.transport.call<SubmitFormResult>({
      operation,
      method: 'POST',
      path: '/rest/v1/leads/submitForm.json',
      body: { ...settings, input: batch },
      idempotent: false,
      defaultTimeoutMs: LEAD_WRITE_TIMEOUTS_MS.submitForm,
    }),
  );
}
