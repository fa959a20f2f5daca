/** Channels and tag types of the Asset API. Neither has a by-id endpoint. */
import { assetGet, validateOffsetPage, type OffsetPage } from './assets.js';
import { validName } from './batch.js';
import type { LeadContext } from './leads.js';
import type { RestResponse } from './types.js';

export interface ProgressionStatus {
  name: string;
  step: number;
  description?: string | null;
  hidden?: boolean;
  /** Shown in Adobe's examples, not in the spec's schema. */
  success?: boolean;
  type?: string;
}

export interface Channel {
  id: number;
  name: string;
  applicableProgramType: string;
  progressionStatuses: ProgressionStatus[];
  createdAt?: string;
  updatedAt?: string;
}

export interface TagType {
  tagType: string;
  /** A bracketed list such as `[program,event]`, as Marketo sends it. */
  applicableProgramTypes: string;
  required: boolean;
  /** Only from Get Tag by Name: a bracketed list such as `[Value 1, Value 2]`. */
  allowableValues?: string;
}

export async function getChannels(
  context: LeadContext,
  request: OffsetPage = {},
): Promise<RestResponse<Channel>> {
  validateOffsetPage('getChannels', request);
  return assetGet<Channel>(context, 'getChannels', '/rest/asset/v1/channels.json', {
    maxReturn: request.maxReturn,
    offset: request.offset,
  });
}

/** Exact-name lookup. No match gives an empty `result` with warning 702. */
export async function getChannelByName(
  context: LeadContext,
  name: string,
): Promise<RestResponse<Channel>> {
  const operation = 'getChannelByName';
  // NOTE: the spec names the parameter `Name` and the docs `name`. The docs' form is sent.
  return assetGet<Channel>(context, operation, '/rest/asset/v1/channel/byName.json', {
    name: validName(operation, 'name', name),
  });
}

export async function getTagTypes(
  context: LeadContext,
  request: OffsetPage = {},
): Promise<RestResponse<TagType>> {
  validateOffsetPage('getTagTypes', request);
  return assetGet<TagType>(context, 'getTagTypes', '/rest/asset/v1/tagTypes.json', {
    maxReturn: request.maxReturn,
    offset: request.offset,
  });
}

/** Get Tag by Name, the only read that returns `allowableValues`. */
export async function getTagByName(
  context: LeadContext,
  name: string,
): Promise<RestResponse<TagType>> {
  const operation = 'getTagByName';
  return assetGet<TagType>(context, operation, '/rest/asset/v1/tagType/byName.json', {
    name: validName(operation, 'name', name),
  });
}

/**
 * Splits an `allowableValues` string such as `[A, B]` into its values. A value that itself
 * contains ", " is indistinguishable from two values, so it comes back split.
 */
export function parseAllowableValues(text: string | undefined): string[] {
  if (text === undefined) return [];
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner === '' ? [] : inner.split(', ');
}
