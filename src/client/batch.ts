import { joinResponses } from './paging.js';
import type { RestResponse } from './types.js';

/**
 * Sends `batches` one after another and joins the responses in input order. When a batch after
 * the first fails, the error message states how many records were already sent.
 * NOTE: the results of the batches already sent are not returned with the error.
 */
export async function sendInBatches<I, T>(
  batches: readonly (readonly I[])[],
  send: (batch: readonly I[]) => Promise<RestResponse<T>>,
): Promise<RestResponse<T>> {
  const responses: RestResponse<T>[] = [];
  for (const [index, batch] of batches.entries()) {
    try {
      responses.push(await send(batch));
    } catch (error) {
      if (index > 0 && error instanceof Error) {
        const done = batches.slice(0, index).reduce((sum, records) => sum + records.length, 0);
        error.message +=
          ` Batch ${index + 1} of ${batches.length} failed, after the first ${done} records` +
          ' were sent.';
      }
      throw error;
    }
  }
  const [only] = responses;
  return responses.length === 1 && only !== undefined ? only : joinResponses(responses);
}

/** Throws TypeError unless `items` has at least one element. */
export function requireItems(operation: string, name: string, items: readonly unknown[]): void {
  if (!Array.isArray(items) || items.length === 0) {
    throw new TypeError(`${operation}: ${name} must contain at least one element.`);
  }
}

/** Returns the id as text after checking it is a positive integer, else throws TypeError. */
export function validId(operation: string, name: string, value: number | string): string {
  const text = String(value).trim();
  if (!/^[1-9]\d*$/.test(text)) {
    throw new TypeError(
      `${operation}: invalid ${name} ${JSON.stringify(value)}. Expected a positive integer.`,
    );
  }
  return text;
}

/** Returns the name after checking it is non-empty, else throws TypeError. */
export function validName(operation: string, name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${operation}: ${name} must be a non-empty string.`);
  }
  return value;
}
