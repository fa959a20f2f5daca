/** Opportunities and opportunity roles: describe, get, sync and delete. */
import type { LeadContext } from './leads.js';
import * as objects from './objects.js';
import type { RestResponse } from './types.js';

/** Client-side timeouts: Marketo's server timeouts (30 s, 60 s for writes) plus 10 s. */
export const OPPORTUNITIES: objects.ObjectApi = {
  name: 'Opportunities',
  basePath: '/rest/v1/opportunities',
  readTimeoutMs: 40_000,
  syncTimeoutMs: 70_000,
  deleteTimeoutMs: 70_000,
};

/** NOTE: Adobe gives the 60 s write timeout for opportunities only. Roles are assumed alike. */
export const OPPORTUNITY_ROLES: objects.ObjectApi = {
  name: 'Opportunity Roles',
  basePath: '/rest/v1/opportunities/roles',
  readTimeoutMs: 40_000,
  syncTimeoutMs: 70_000,
  deleteTimeoutMs: 70_000,
};

/** An opportunity, keyed by REST field names. */
export type Opportunity = { marketoGUID?: string; externalOpportunityId?: string } & Record<
  string,
  unknown
>;

/** An opportunity role, linking a lead to an opportunity. */
export type OpportunityRole = {
  marketoGUID?: string;
  externalOpportunityId?: string;
  leadId?: number;
  role?: string;
  isPrimary?: boolean;
} & Record<string, unknown>;

export function describeOpportunity(
  context: LeadContext,
): Promise<RestResponse<objects.ObjectMetadata>> {
  return objects.describeObject(context, OPPORTUNITIES, 'describeOpportunity');
}

export function describeOpportunityRole(
  context: LeadContext,
): Promise<RestResponse<objects.ObjectMetadata>> {
  return objects.describeObject(context, OPPORTUNITY_ROLES, 'describeOpportunityRole');
}
