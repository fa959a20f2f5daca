/** Describe Lead2 and Get Lead Partitions. */
import type { LeadContext } from './leads.js';
import type { RestResponse } from './types.js';

/** Leads endpoints time out at 30 s on the server, and the client waits 10 s more. */
const LEAD_SCHEMA_TIMEOUT_MS = 40_000;

/** One field of Describe Lead2. */
export interface LeadObjectField {
  name: string;
  displayName: string;
  dataType: string;
  length?: number;
  updateable: boolean;
  crmManaged: boolean;
}

/** The lead object of Describe Lead2. It has REST names only, no `soap.name`. */
export interface LeadObjectMetadata {
  name: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  dedupeFields?: string[];
  /** Each inner list is one key: a single field, or the fields of a compound key. */
  searchableFields: string[][];
  fields: LeadObjectField[];
}

export interface LeadPartition {
  id: number;
  name: string;
  description?: string;
}

export function describeLead2(context: LeadContext): Promise<RestResponse<LeadObjectMetadata>> {
  return context.transport.call<LeadObjectMetadata>({
    operation: 'describeLead2',
    method: 'GET',
    path: '/rest/v1/leads/describe2.json',
    idempotent: true,
    defaultTimeoutMs: LEAD_SCHEMA_TIMEOUT_MS,
  });
}

export function getLeadPartitions(context: LeadContext): Promise<RestResponse<LeadPartition>> {
  return context.transport.call<LeadPartition>({
    operation: 'getLeadPartitions',
    method: 'GET',
    path: '/rest/v1/leads/partitions.json',
    idempotent: true,
    defaultTimeoutMs: LEAD_SCHEMA_TIMEOUT_MS,
  });
}
