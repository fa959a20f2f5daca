/**
 * Shared pieces of Asset API reads, which page by `offset` and `maxReturn` instead of tokens.
 */
import type { Query } from './http.js';
import type { LeadContext } from './leads.js';
import { iterateOffsetPages } from './paging.js';
import type { RestResponse } from './types.js';

/** Max records per Asset API query (`maxReturn`). Marketo's default is 20. */
export const ASSET_BATCH_SIZE = 200;

/**
 * Client-side timeout of Asset API calls. NOTE: Adobe documents no server timeout for the Asset
 * API, so this reuses the 30 s Lead Database default plus 10 s.
 */
export const ASSET_TIMEOUT_MS = 40_000;

export interface OffsetPage {
  /** Records per page, 1 to 200. Marketo's default is 20. */
  maxReturn?: number;
  offset?: number;
}

/** An Asset API folder reference, as in `folder={"id":12,"type":"Folder"}`. */
export interface FolderRef {
  id: number;
  type: 'Folder' | 'Program';
}

/** Sends one idempotent Asset API GET. */
export function assetGet<T>(
  context: LeadContext,
  operation: string,
  path: string,
  query: Query = {},
): Promise<RestResponse<T>> {
  return context.transport.call<T>({
    operation,
    method: 'GET',
    path,
    query,
    idempotent: true,
    defaultTimeoutMs: ASSET_TIMEOUT_MS,
  });
}

/** Throws TypeError unless `maxReturn` and `offset` are valid. */
export function validateOffsetPage(operation: string, page: OffsetPage): void {
  const { maxReturn, offset } = page;
  if (maxReturn !== undefined) {
    if (!Number.isInteger(maxReturn) || maxReturn < 1 || maxReturn > ASSET_BATCH_SIZE) {
      throw new TypeError(
        `${operation}: invalid maxReturn ${maxReturn}. Expected 1 to ${ASSET_BATCH_SIZE}.`,
      );
    }
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new TypeError(`${operation}: invalid offset ${offset}. Expected an integer from 0.`);
  }
}

/** Yields every record of an offset-paged read, in pages of `maxReturn` (default 200). */
export async function* iterateAssets<T, R extends OffsetPage>(
  read: (request: R) => Promise<RestResponse<T>>,
  request: R,
): AsyncGenerator<T, void, undefined> {
  const maxReturn = request.maxReturn ?? ASSET_BATCH_SIZE;
  const fetchPage = (offset: number) => read({ ...request, maxReturn, offset });
  for await (const page of iterateOffsetPages(fetchPage, maxReturn, request.offset ?? 0)) {
    yield* page.result;
  }
}
