import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRestClient,
  createRestClientAsync,
  ENV_VARIABLES,
  MarketoConfigError,
  MarketoRestClient,
  restClientFromEnv,
} from '../../src/client/index.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { CLIENT_ID, CLIENT_SECRET, startServer } from './helpers.js';

function configError(action: () => unknown): MarketoConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MarketoConfigError);
    return error as MarketoConfigError;
  }
  throw new Error('expected a MarketoConfigError');
}

describe('restClientFromEnv', () => {
  it('names every missing variable', () => {
    const error = configError(() => restClientFromEnv({}));
    expect(error.message).toContain('MARKETO_MUNCHKIN_ID or MARKETO_BASE_URL');
    expect(error.message).toContain('MARKETO_CLIENT_ID');
    expect(error.message).toContain('MARKETO_CLIENT_SECRET');
  });

  it('names only the missing secret', () => {
    const error = configError(() =>
      restClientFromEnv({
        MARKETO_BASE_URL: 'http://127.0.0.1:9',
        MARKETO_CLIENT_ID: 'id',
        MARKETO_CLIENT_SECRET: ' ',
      }),
    );
    expect(error.message).toContain('MARKETO_CLIENT_SECRET');
    expect(error.message).not.toContain('MARKETO_CLIENT_ID,');
    expect(error.message).not.toContain('MARKETO_BASE_URL');
  });

  it('shares one client per configuration', () => {
    const env = {
      MARKETO_BASE_URL: 'http://127.0.0.1:9',
      MARKETO_CLIENT_ID: 'id',
      MARKETO_CLIENT_SECRET: 's1',
    };
    const first = restClientFromEnv(env);
    expect(restClientFromEnv({ ...env })).toBe(first);
    expect(restClientFromEnv({ ...env, MARKETO_CLIENT_SECRET: 's2' })).not.toBe(first);
  });

  it('derives the REST origin from the Munchkin id', () => {
    const client = restClientFromEnv({
      MARKETO_MUNCHKIN_ID: '123-abc-456',
      MARKETO_CLIENT_ID: 'id',
      MARKETO_CLIENT_SECRET: 'secret',
    });
    expect(client.baseUrl).toBe('https://123-ABC-456.mktorest.com');
  });
});

describe('createRestClient', () => {
  let server: FakeMarketoServer;

  beforeEach(async () => {
    server = await startServer();
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  function stubEnv(values: Record<string, string>): void {
    for (const name of Object.values(ENV_VARIABLES)) vi.stubEnv(name, values[name] ?? '');
  }

  it('calls back asynchronously with a working client', async () => {
    stubEnv({
      MARKETO_BASE_URL: server.url,
      MARKETO_CLIENT_ID: CLIENT_ID,
      MARKETO_CLIENT_SECRET: CLIENT_SECRET,
    });
    let returned = false;
    const client = await new Promise<MarketoRestClient | undefined>((resolve, reject) => {
      createRestClient((error, created) => {
        expect(returned).toBe(true);
        if (error) reject(error);
        else resolve(created);
      });
      returned = true;
    });
    expect(client).toBeInstanceOf(MarketoRestClient);
    const response = await client?.describeLead();
    expect(response?.success).toBe(true);
    expect(await createRestClientAsync()).toBe(client);
  });

  it('calls back with the config error', async () => {
    stubEnv({ MARKETO_BASE_URL: server.url });
    const error = await new Promise<Error | null>((resolve) => {
      createRestClient((failure) => resolve(failure));
    });
    expect(error).toBeInstanceOf(MarketoConfigError);
    expect(error?.message).toContain('MARKETO_CLIENT_ID');
    await expect(createRestClientAsync()).rejects.toThrow(MarketoConfigError);
  });

  it('uses MARKETO_IDENTITY_URL for tokens', async () => {
    stubEnv({
      MARKETO_BASE_URL: server.url,
      MARKETO_IDENTITY_URL: `${server.url}/other-identity`,
      MARKETO_CLIENT_ID: CLIENT_ID,
      MARKETO_CLIENT_SECRET: CLIENT_SECRET,
    });
    const client = await createRestClientAsync();
    await client.describeLead();
    expect(server.requests[0]?.path).toBe('/other-identity/oauth/token');
  });
});

describe('MarketoRestClient options', () => {
  const credentials = { clientId: 'id', clientSecret: 'secret' };

  const valid = { ...credentials, baseUrl: 'http://127.0.0.1:9' };

  const invalid: { name: string; options: Record<string, unknown>; message: RegExp }[] = [
    { name: 'no endpoint', options: credentials, message: /munchkinId or baseUrl/ },
    {
      name: 'no credentials',
      options: { baseUrl: 'http://127.0.0.1:9' },
      message: /clientId, clientSecret/,
    },
    {
      name: 'bad Munchkin id',
      options: { ...credentials, munchkinId: 'acme' },
      message: /munchkinId "acme"/,
    },
    {
      name: 'baseUrl with path',
      options: { ...credentials, baseUrl: 'http://127.0.0.1:9/rest' },
      message: /origin only/,
    },
    {
      name: 'baseUrl not a URL',
      options: { ...credentials, baseUrl: 'localhost' },
      message: /not an absolute URL/,
    },
    {
      name: 'ftp baseUrl',
      options: { ...credentials, baseUrl: 'ftp://127.0.0.1' },
      message: /https or http/,
    },
    {
      name: 'pacing over 100',
      options: { ...valid, maxCallsPerWindow: 101 },
      message: /maxCallsPerWindow/,
    },
    {
      name: 'concurrency over 10',
      options: { ...valid, maxConcurrentCalls: 11 },
      message: /maxConcurrentCalls/,
    },
    { name: 'zero timeout', options: { ...valid, timeoutMs: 0 }, message: /timeoutMs/ },
  ];

  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      const error = configError(() => new MarketoRestClient(testCase.options as never));
      expect(error.message).toMatch(testCase.message);
    });
  }

  it('keeps a secret in identityUrl out of the error', () => {
    const error = configError(
      () =>
        new MarketoRestClient({
          ...valid,
          identityUrl: 'http://127.0.0.1:9/identity?client_secret=hunter2',
        }),
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('prefers baseUrl over munchkinId', () => {
    const client = new MarketoRestClient({
      ...credentials,
      munchkinId: '123-ABC-456',
      baseUrl: 'http://127.0.0.1:9/',
    });
    expect(client.baseUrl).toBe('http://127.0.0.1:9');
  });
});
