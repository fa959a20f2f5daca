import type { RestResponse } from './types.js';

/** Fetches one page, given the token from the previous page (undefined for the first). */
export type PageFetcher<T> = (nextPageToken: string | undefined) => Promise<RestResponse<T>>;

/**
 * Yields pages of a `nextPageToken` endpoint, starting from `firstToken`. It stops after a page
 * with `moreResult` false or without a `nextPageToken`, the rule for Lead Database batch reads.
 * NOTE: that stop rule is inferred. Activity endpoints always return a token, so they will need
 * a rule that looks at `moreResult` only.
 */
export async function* iteratePages<T>(
  fetchPage: PageFetcher<T>,
  firstToken?: string,
): AsyncGenerator<RestResponse<T>, void, undefined> {
  let token = firstToken;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    if (page.moreResult !== true || !page.nextPageToken) return;
    token = page.nextPageToken;
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
