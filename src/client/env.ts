import { toCallback } from './callback.js';
import { MarketoRestClient } from './client.js';
import { MarketoConfigError } from './errors.js';
import type { MarketoClientOptions } from './types.js';

/** Environment variables the migrated code reads its Marketo settings from. */
export const ENV_VARIABLES = {
  munchkinId: 'MARKETO_MUNCHKIN_ID',
  baseUrl: 'MARKETO_BASE_URL',
  identityUrl: 'MARKETO_IDENTITY_URL',
  clientId: 'MARKETO_CLIENT_ID',
  clientSecret: 'MARKETO_CLIENT_SECRET',
} as const;

// One client per distinct configuration, so that callers share its token, pacer and caches.
const sharedClients = new Map<string, MarketoRestClient>();

/**
 * Returns the shared client for the configuration in `env` (by default `process.env`). Throws
 * MarketoConfigError naming the missing variables.
 */
export function restClientFromEnv(
  env: Record<string, string | undefined> = process.env,
): MarketoRestClient {
  const options = optionsFromEnv(env);
  const key = JSON.stringify([
    options.munchkinId,
    options.baseUrl,
    options.identityUrl,
    options.clientId,
    options.clientSecret,
  ]);
  let client = sharedClients.get(key);
  if (client === undefined) {
    client = new MarketoRestClient(options);
    sharedClients.set(key, client);
  }
  return client;
}

/** Replaces `soap.createClient(url, callback)`. Calls back asynchronously with the client. */
export function createRestClient(
  callback: (error: Error | null, client?: MarketoRestClient) => void,
): void {
  toCallback(createRestClientAsync(), callback);
}

/** Replaces `await soap.createClientAsync(url)`. */
export async function createRestClientAsync(): Promise<MarketoRestClient> {
  return restClientFromEnv();
}

function optionsFromEnv(env: Record<string, string | undefined>): MarketoClientOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const munchkinId = read(ENV_VARIABLES.munchkinId);
  const baseUrl = read(ENV_VARIABLES.baseUrl);
  const identityUrl = read(ENV_VARIABLES.identityUrl);
  const clientId = read(ENV_VARIABLES.clientId);
  const clientSecret = read(ENV_VARIABLES.clientSecret);

  const missing: string[] = [];
  if (munchkinId === undefined && baseUrl === undefined) {
    missing.push(`${ENV_VARIABLES.munchkinId} or ${ENV_VARIABLES.baseUrl}`);
  }
  if (clientId === undefined) missing.push(ENV_VARIABLES.clientId);
  if (clientSecret === undefined) missing.push(ENV_VARIABLES.clientSecret);
  if (missing.length > 0 || clientId === undefined || clientSecret === undefined) {
    throw new MarketoConfigError(
      `Marketo REST client environment variables missing: ${missing.join(', ')}. Set them to ` +
        'the REST endpoint and the Client Id and Secret of a LaunchPoint service with an ' +
        'API-only user.',
    );
  }

  const options: MarketoClientOptions = { clientId, clientSecret };
  if (munchkinId !== undefined) options.munchkinId = munchkinId;
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  if (identityUrl !== undefined) options.identityUrl = identityUrl;
  return options;
}
