import type { RestResponse } from './types.js';

/** Fetches one page, given the token from the previous page (undefined for the first). */
export type PageFetcher<T> = (nextPageToken: string | undefined) => Promise<RestResponse<T>>;

/**
 * When a `nextPageToken` endpoint has no more pages:
 * - `moreResultOrToken`: after a page with `moreResult` not true or without `nextPageToken`,
 *   the rule for Lead Database batch reads. NOTE: that rule is inferred, not documented.
 * - `tokenOnly`: after a page without `nextPageToken`, for endpoints whose response type has no
 *   `moreResult`, such as Get Leads by List Id.
 * - `moreResultOnly`: after a page with `moreResult` not true, for activity endpoints, which
 *   always return a token.
 */
export type PageStopRule = 'moreResultOrToken' | 'tokenOnly' | 'moreResultOnly';

/** Yields pages of a `nextPageToken` endpoint, starting from `firstToken`. */
export async function* iteratePages<T>(
  fetchPage: PageFetcher<T>,
  firstToken?: string,
  stopRule: PageStopRule = 'moreResultOrToken',
): AsyncGenerator<RestResponse<T>, void, undefined> {
  let token = firstToken;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    const more = page.moreResult === true;
    const hasToken = typeof page.nextPageToken === 'string' && page.nextPageToken !== '';
    if (!hasToken) return;
    if (stopRule !== 'tokenOnly' && !more) return;
    token = page.nextPageToken;
  }
}

/**
 * Yields pages of an offset-paged asset endpoint. It stops after a page shorter than
 * `maxReturn`, which includes the empty page that Asset API calls return past the end.
 */
export async function* iterateOffsetPages<T>(
  fetchPage: (offset: number) => Promise<RestResponse<T>>,
  maxReturn: number,
  firstOffset = 0,
): AsyncGenerator<RestResponse<T>, void, undefined> {
  let offset = firstOffset;
  for (;;) {
    const page = await fetchPage(offset);
    yield page;
    if (page.result.length < maxReturn) return;
    offset += page.result.length;
  }
}

/** Joins the responses of the calls that together serve one request, keeping their order. */
export function joinResponses<T>(responses: readonly RestResponse<T>[]): RestResponse<T> {
  const joined: RestResponse<T> = {
    requestId: responses.map((response) => response.requestId).join(','),
    success: true,
    result: responses.flatMap((response) => response.result),
  };
  const warnings = responses.flatMap((response) => response.warnings ?? []);
  if (warnings.length > 0) joined.warnings = warnings;
  return joined;
}
