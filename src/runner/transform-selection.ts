import type { TransformInfo } from '../core/registry-types.js';
import { UsageError } from './errors.js';

/** The transform that sets up the REST client. Every operation transform depends on it. */
export const CLIENT_TRANSFORM = 'client';

/**
 * Resolves the `--transform` values to the names handed to the core. Each value may hold
 * several comma-separated names. Without values, every registered transform runs.
 * `client` is always included, so a file is never left calling REST methods on a SOAP client.
 *
 * @throws UsageError for an unknown or empty name, listing the valid names.
 */
export function selectTransforms(
  values: readonly string[] | undefined,
  registry: readonly TransformInfo[],
): string[] {
  const validNames = registry.map((info) => info.name);
  if (values === undefined || values.length === 0) {
    return withClient(validNames);
  }

  const requested: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const name = part.trim();
      if (name === '') {
        throw new UsageError(
          `Invalid --transform value "${value}": it contains an empty name. ` +
            `Valid names: ${validNames.join(', ')}.`,
        );
      }
      if (!validNames.includes(name)) {
        throw new UsageError(`Unknown transform "${name}". Valid names: ${validNames.join(', ')}.`);
      }
      if (!requested.includes(name)) {
        requested.push(name);
      }
    }
  }
  return withClient(requested);
}

function withClient(names: readonly string[]): string[] {
  return names.includes(CLIENT_TRANSFORM) ? [...names] : [CLIENT_TRANSFORM, ...names];
}
