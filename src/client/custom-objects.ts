/** Custom objects by API name: list, describe, get, sync and delete. */
import { validName } from './batch.js';
import type { LeadContext } from './leads.js';
import * as objects from './objects.js';
import type { ObjectApi, ObjectMetadata } from './objects.js';
import type { RestResponse } from './types.js';

/** Client-side timeouts: Marketo's server timeouts (30 s, sync 120 s, delete 60 s) plus 10 s. */
const CUSTOM_OBJECT_TIMEOUTS_MS = { read: 40_000, sync: 130_000, delete: 70_000 } as const;

/** A custom object record, keyed by REST field names. */
export type CustomObject = { marketoGUID?: string } & Record<string, unknown>;

/** One custom object type of List Custom Objects. */
export interface CustomObjectType {
  name: string;
  displayName?: string;
  pluralName?: string;
  description?: string;
  idField?: string;
  dedupeFields?: string[];
  searchableFields?: string[][];
  relationships?: ObjectMetadata['relationships'];
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

/** Builds the paths and timeouts of the custom object type `apiName`. */
export function customObjectApi(operation: string, apiName: string): ObjectApi {
  const name = validName(operation, 'apiName', apiName);
  return {
    name,
    basePath: `/rest/v1/customobjects/${encodeURIComponent(name)}`,
    readTimeoutMs: CUSTOM_OBJECT_TIMEOUTS_MS.read,
    syncTimeoutMs: CUSTOM_OBJECT_TIMEOUTS_MS.sync,
    deleteTimeoutMs: CUSTOM_OBJECT_TIMEOUTS_MS.delete,
  };
}

/** List Custom Objects: the object types, all of them or those in `names`. */
export function listCustomObjects(
  context: LeadContext,
  names?: readonly string[],
): Promise<RestResponse<CustomObjectType>> {
  return context.transport.call<CustomObjectType>({
    operation: 'listCustomObjects',
    method: 'GET',
    path: '/rest/v1/customobjects.json',
    query: { names: names !== undefined && names.length > 0 ? names : undefined },
    idempotent: true,
    defaultTimeoutMs: CUSTOM_OBJECT_TIMEOUTS_MS.read,
  });
}

export async function describeCustomObject(
  context: LeadContext,
  apiName: string,
): Promise<RestResponse<ObjectMetadata>> {
  const operation = 'describeCustomObject';
  return objects.describeObject(context, customObjectApi(operation, apiName), operation);
}

export async function getCustomObjects(
  context: LeadContext,
  apiName: string,
  request: objects.GetObjectsRequest,
): Promise<RestResponse<CustomObject>> {
  const operation = 'getCustomObjects';
  return objects.getObjects(context, customObjectApi(operation, apiName), operation, request);
}

export async function* iterateCustomObjects(
  context: LeadContext,
  apiName: string,
  request: objects.GetObjectsRequest,
): AsyncGenerator<CustomObject, void, undefined> {
  const operation = 'getCustomObjects';
  yield* objects.iterateObjects<CustomObject>(
    context,
    customObjectApi(operation, apiName),
    operation,
    request,
  );
}

/** Sync Custom Objects in calls of 300. Not retried after it may have run. */
export async function syncCustomObjects(
  context: LeadContext,
  apiName: string,
  request: objects.SyncObjectsRequest,
): Promise<RestResponse<objects.ObjectWriteResult>> {
  const operation = 'syncCustomObjects';
  return objects.syncObjects(context, customObjectApi(operation, apiName), operation, request);
}

/** Delete Custom Objects in calls of 300. Not retried after it may have run. */
export async function deleteCustomObjects(
  context: LeadContext,
  apiName: string,
  request: objects.DeleteObjectsRequest,
): Promise<RestResponse<objects.ObjectWriteResult>> {
  const operation = 'deleteCustomObjects';
  return objects.deleteObjects(context, customObjectApi(operation, apiName), operation, request);
}
