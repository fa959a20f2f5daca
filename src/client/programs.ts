/** Programs of the Asset API: Get Program by Id, by Name, Get Programs and Update Program. */
import { assetGet, ASSET_TIMEOUT_MS, validateOffsetPage, type OffsetPage } from './assets.js';
import { validId, validName } from './batch.js';
import type { Query } from './http.js';
import type { LeadContext } from './leads.js';
import type { RestResponse } from './types.js';

export interface ProgramTag {
  tagType: string;
  tagValue: string;
}

/** A period cost of a program. `startDate` is a date such as `2024-06-01`. */
export interface ProgramCost {
  startDate: string;
  /** Whole currency units. Marketo rejects fractions. */
  cost: number;
  note?: string;
}

/** The folder of a program, as program responses give it: the id is in `value`. */
export interface ProgramFolder {
  type: 'Folder' | 'Program';
  value: number;
  folderName?: string;
}

export interface Program {
  id: number;
  name: string;
  description?: string;
  /** Default, Event, Event with Webinar, Engagement or Email. */
  type?: string;
  channel?: string;
  folder?: ProgramFolder;
  status?: string;
  workspace?: string;
  url?: string;
  createdAt?: string;
  updatedAt?: string;
  /** Returned by Get Program by Id, and by Get Program by Name with `includeTags`. */
  tags?: ProgramTag[] | null;
  /** Returned by Get Program by Id, and by Get Program by Name with `includeCosts`. */
  costs?: ProgramCost[] | null;
  [field: string]: unknown;
}

export interface GetProgramByNameOptions {
  includeTags?: boolean;
  includeCosts?: boolean;
}

export interface GetProgramsRequest extends OffsetPage {
  /** Browse filter. `filterValues` is required with it. */
  filterType?: 'id' | 'programId' | 'folderId' | 'workspace';
  filterValues?: readonly (string | number)[];
  /** `on` or `off` for Engagement programs, `unlocked` for Email programs. */
  status?: string;
  earliestUpdatedAt?: string;
  latestUpdatedAt?: string;
}

/** Fields Update Program can change. Channel and type are fixed at creation. */
export interface UpdateProgramRequest {
  name?: string;
  description?: string;
  /** Appended to the existing costs, unless `costsDestructiveUpdate` is true. */
  costs?: readonly ProgramCost[];
  /** Replace all costs with `costs`. Without `costs`, it clears them. */
  costsDestructiveUpdate?: boolean;
  tags?: readonly ProgramTag[];
  /** UTC date-time, for Email programs only. */
  startDate?: string;
  endDate?: string;
}

export async function getProgramById(
  context: LeadContext,
  programId: number | string,
): Promise<RestResponse<Program>> {
  const id = validId('getProgramById', 'program id', programId);
  return assetGet<Program>(context, 'getProgramById', `/rest/asset/v1/program/${id}.json`);
}

/** Exact-name lookup. No match gives an empty `result` with warning 702. */
export async function getProgramByName(
  context: LeadContext,
  name: string,
  options: GetProgramByNameOptions = {},
): Promise<RestResponse<Program>> {
  const operation = 'getProgramByName';
  return assetGet<Program>(context, operation, '/rest/asset/v1/program/byName.json', {
    name: validName(operation, 'name', name),
    includeTags: options.includeTags,
    includeCosts: options.includeCosts,
  });
}

/** Get Programs (browse). Tags and costs are not returned by this endpoint. */
export async function getPrograms(
  context: LeadContext,
  request: GetProgramsRequest = {},
): Promise<RestResponse<Program>> {
  const operation = 'getPrograms';
  validateOffsetPage(operation, request);
  const hasValues = request.filterValues !== undefined && request.filterValues.length > 0;
  if ((request.filterType === undefined) === hasValues) {
    throw new TypeError(`${operation}: give filterType and filterValues together, or neither.`);
  }
  const query: Query = {
    filterType: request.filterType,
    filterValues: request.filterValues,
    status: request.status,
    earliestUpdatedAt: request.earliestUpdatedAt,
    latestUpdatedAt: request.latestUpdatedAt,
    maxReturn: request.maxReturn,
    offset: request.offset,
  };
  return assetGet<Program>(context, operation, '/rest/asset/v1/programs.json', query);
}

/**
 * Update Program, sent as a form body. It is retried like a read unless it appends costs,
 * because appending the same costs twice would store them twice.
 */
export async function updateProgram(
  context: LeadContext,
  programId: number | string,
  request: UpdateProgramRequest,
): Promise<RestResponse<Program>> {
  const operation = 'updateProgram';
  const id = validId(operation, 'program id', programId);
  const badCost = request.costs?.find((cost) => !Number.isInteger(cost.cost));
  if (badCost !== undefined) {
    throw new TypeError(
      `${operation}: invalid cost ${JSON.stringify(badCost.cost)}. Marketo takes whole numbers.`,
    );
  }
  const form: Query = {
    name: request.name,
    description: request.description,
    costs: request.costs === undefined ? undefined : JSON.stringify(request.costs),
    costsDestructiveUpdate: request.costsDestructiveUpdate,
    tags: request.tags === undefined ? undefined : JSON.stringify(request.tags),
    startDate: request.startDate,
    endDate: request.endDate,
  };
  if (Object.values(form).every((value) => value === undefined)) {
    throw new TypeError(`${operation}: the request changes nothing. Give at least one field.`);
  }
  const appendsCosts = request.costs !== undefined && request.costsDestructiveUpdate !== true;
  return context.transport.call<Program>({
    operation,
    method: 'POST',
    path: `/rest/asset/v1/program/${id}.json`,
    form,
    idempotent: !appendsCosts,
    defaultTimeoutMs: ASSET_TIMEOUT_MS,
  });
}
