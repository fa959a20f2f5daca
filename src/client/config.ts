import { systemClock } from './clock.js';
import { MarketoConfigError } from './errors.js';
import type { Clock, MarketoClientOptions } from './types.js';

/** Marketo's documented limits per instance, and the defaults Adobe suggests per integration. */
export const PACING_LIMITS = {
  defaultCallsPerWindow: 50,
  maxCallsPerWindow: 100,
  defaultWindowMs: 20_000,
  defaultConcurrentCalls: 5,
  maxConcurrentCalls: 10,
} as const;

export const DEFAULT_MAX_RETRIES = 4;

const MUNCHKIN_ID_PATTERN = /^\d{3}-[A-Z]{3}-\d{3}$/i;

export interface ResolvedConfig {
  /** Origin without a trailing slash. */
  baseUrl: string;
  /** Full URL of the token endpoint. It never goes into a log line or an error message. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number | undefined;
  maxCallsPerWindow: number;
  windowMs: number;
  maxConcurrentCalls: number;
  maxRetries: number;
  clock: Clock;
}

/** Validates the options and fills in defaults. Throws MarketoConfigError naming what is wrong. */
export function resolveConfig(options: MarketoClientOptions): ResolvedConfig {
  const missing: string[] = [];
  if (!options.munchkinId && !options.baseUrl) missing.push('munchkinId or baseUrl');
  if (!options.clientId) missing.push('clientId');
  if (!options.clientSecret) missing.push('clientSecret');
  if (missing.length > 0) {
    throw new MarketoConfigError(`Marketo REST client options missing: ${missing.join(', ')}.`);
  }

  const baseUrl = options.baseUrl
    ? parseOrigin(options.baseUrl)
    : originOfMunchkin(options.munchkinId);
  const identityUrl = options.identityUrl
    ? parseIdentityUrl(options.identityUrl)
    : `${baseUrl}/identity`;

  return {
    baseUrl,
    tokenUrl: `${identityUrl}/oauth/token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: optionalPositive('timeoutMs', options.timeoutMs),
    maxCallsPerWindow: boundedInteger(
      'maxCallsPerWindow',
      options.maxCallsPerWindow,
      PACING_LIMITS.defaultCallsPerWindow,
      PACING_LIMITS.maxCallsPerWindow,
    ),
    windowMs: optionalPositive('windowMs', options.windowMs) ?? PACING_LIMITS.defaultWindowMs,
    maxConcurrentCalls: boundedInteger(
      'maxConcurrentCalls',
      options.maxConcurrentCalls,
      PACING_LIMITS.defaultConcurrentCalls,
      PACING_LIMITS.maxConcurrentCalls,
    ),
    maxRetries: boundedInteger('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES, 10, 0),
    clock: options.clock ?? systemClock,
  };
}

function originOfMunchkin(munchkinId: string | undefined): string {
  const id = munchkinId ?? '';
  if (!MUNCHKIN_ID_PATTERN.test(id)) {
    throw new MarketoConfigError(
      `Invalid munchkinId "${id}": expected the form 123-ABC-456 (Admin > Munchkin in Marketo).`,
    );
  }
  return `https://${id.toUpperCase()}.mktorest.com`;
}

function parseOrigin(value: string): string {
  const url = parseHttpUrl('baseUrl', value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new MarketoConfigError(
      `Invalid baseUrl "${value}": expected the origin only, such as ` +
        'https://123-ABC-456.mktorest.com. The client adds /rest, /bulk and /identity itself.',
    );
  }
  return url.origin;
}

// The identity URL is not shown in errors, because a URL pasted with its token query would
// contain the client secret.
function parseIdentityUrl(value: string): string {
  const url = parseHttpUrl('identityUrl', value, false);
  if (url.search !== '' || url.hash !== '') {
    throw new MarketoConfigError(
      'Invalid identityUrl: it must not contain a query or fragment, such as ' +
        'https://123-ABC-456.mktorest.com/identity.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseHttpUrl(name: string, value: string, showValue = true): URL {
  const quotedValue = showValue ? ` "${value}"` : '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MarketoConfigError(`Invalid ${name}${quotedValue}: not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MarketoConfigError(
      `Invalid ${name}${quotedValue}: the scheme must be https or http.`,
    );
  }
  return url;
}

function optionalPositive(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) {
    throw new MarketoConfigError(`Invalid ${name} ${value}: expected a positive number.`);
  }
  return value;
}

function boundedInteger(
  name: string,
  value: number | undefined,
  defaultValue: number,
  max: number,
  min = 1,
): number {
  if (value === undefined) return defaultValue;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new MarketoConfigError(
      `Invalid ${name} ${value}: expected an integer from ${min} to ${max}.`,
    );
  }
  return value;
}
