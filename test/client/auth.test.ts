import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketoError } from '../../src/client/index.js';
import type { FakeMarketoServer, RecordedRequest } from '../fake-marketo/server.js';
import { CLIENT_SECRET, captureLogger, clientFor, ManualClock, startServer } from './helpers.js';
import { LEAD_ID, TOKEN_REQUEST } from './request-shapes.js';

let server: FakeMarketoServer;

afterEach(async () => {
  await server.close();
});

function tokenRequests(): RecordedRequest[] {
  return server.requests.filter((request) => request.path.endsWith('/oauth/token'));
}

function apiRequests(): RecordedRequest[] {
  return server.requests.filter((request) => !request.path.endsWith('/oauth/token'));
}

describe('access token', () => {
  it('is requested once and reused', async () => {
    server = await startServer();
    server.model.addLead({ id: LEAD_ID, email: 'ada@example.com' });
    const client = clientFor(server);
    await client.getLeadById(LEAD_ID);
    await client.getLeadById(LEAD_ID);
    await client.describeLead();

    const requests = tokenRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe(TOKEN_REQUEST.method);
    expect(requests[0]?.path).toBe(TOKEN_REQUEST.path);
    expect(requests[0]?.query).toEqual(TOKEN_REQUEST.query);
    expect(client.tokenRequestCount).toBe(1);
  });

  it('is sent as a Bearer header only', async () => {
    server = await startServer();
    const client = clientFor(server);
    await client.describeLead();
    await client.syncLeads({ input: [{ email: 'new@example.com' }] });

    const tokenUsed = String(apiRequests()[0]?.headers.authorization ?? '').replace('Bearer ', '');
    expect(tokenUsed).not.toBe('');
    for (const request of apiRequests()) {
      expect(request.headers.authorization).toBe(`Bearer ${tokenUsed}`);
      expect(request.query['access_token']).toBeUndefined();
      expect(request.url).not.toContain(encodeURIComponent(tokenUsed));
      expect(request.url).not.toContain(tokenUsed);
      expect(request.body).not.toContain(tokenUsed);
    }
  });

  it('burst of 50 first calls makes one request', async () => {
    server = await startServer({ responseDelayMs: 2 });
    const client = clientFor(server, { maxConcurrentCalls: 10, maxCallsPerWindow: 100 });
    const calls = Array.from({ length: 50 }, () => client.describeLead());
    const responses = await Promise.all(calls);
    expect(responses.every((response) => response.success)).toBe(true);
    expect(server.model.counters.tokenRequests).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('602 renews the token and retries once', async () => {
    server = await startServer();
    const client = clientFor(server);
    await client.describeLead();
    server.model.expireAllTokens();
    const response = await client.describeLead();

    expect(response.success).toBe(true);
    expect(server.model.counters.rejections['602']).toBe(1);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(3);
    const headers = apiRequests().map((request) => request.headers.authorization);
    const [first, rejected, retried] = headers;
    expect(rejected).toBe(first);
    expect(retried).not.toBe(first);
  });

  it('601 renews the token and retries once', async () => {
    server = await startServer();
    const client = clientFor(server);
    await client.describeLead();
    server.model.revokeAllTokens();
    const response = await client.describeLead();

    expect(response.success).toBe(true);
    expect(server.model.counters.rejections['601']).toBe(1);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('second rejection is thrown, not retried again', async () => {
    // Tokens that expire at once make every call fail with 602.
    server = await startServer({ modelOptions: { tokenLifetimeSeconds: 0 } });
    const client = clientFor(server);
    const failure = await client.describeLead().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MarketoError);
    expect((failure as MarketoError).code).toBe('602');
    expect((failure as MarketoError).soapCode).toBe('20014');
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(2);
  });

  it('token is renewed shortly before expiry', async () => {
    const clock = new ManualClock();
    server = await startServer({ modelOptions: { clock } });
    const client = clientFor(server, { clock });
    await client.describeLead();

    await clock.advance(3_500_000);
    await client.describeLead();
    expect(tokenRequests()).toHaveLength(1);

    // Past 3,540 s of 3,600 the client asks again. Marketo returns the same token with its
    // remaining life, which the client then uses to its end.
    await clock.advance(50_000);
    await client.describeLead();
    expect(tokenRequests()).toHaveLength(2);
    await clock.advance(30_000);
    await client.describeLead();
    expect(tokenRequests()).toHaveLength(2);

    await clock.advance(30_000);
    await client.describeLead();
    expect(tokenRequests()).toHaveLength(3);
    expect(server.model.counters.rejections['602']).toBeUndefined();
  });

  it('custom identityUrl is used for the token', async () => {
    server = await startServer();
    const client = clientFor(server, { identityUrl: `${server.url}/custom/identity/` });
    await client.describeLead();
    expect(tokenRequests()[0]?.path).toBe('/custom/identity/oauth/token');
  });

  it('bad credentials give a MarketoError without the secret', async () => {
    server = await startServer();
    const logger = captureLogger();
    const client = clientFor(server, { clientSecret: 'wrong-secret-5d1e', logger });
    const failure = await client.describeLead().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MarketoError);
    const error = failure as MarketoError;
    expect(error.code).toBe('invalid_client');
    expect(error.httpStatus).toBe(401);
    expect(error.soapCode).toBe('20014');
    expect(error.path).toBe('/identity/oauth/token');
    expect(error.message).toContain('clientSecret');
    expect(error.message).not.toContain('wrong-secret-5d1e');
    expect(logger.text()).not.toContain('wrong-secret-5d1e');
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(0);
  });
});

describe('logs', () => {
  it('never contain the secret or a token', async () => {
    server = await startServer();
    server.model.addLead({ id: LEAD_ID, email: 'ada@example.com' });
    const logger = captureLogger();
    const client = clientFor(server, { logger });
    const errors: string[] = [];

    await client.getLeadById(LEAD_ID, { allFields: true });
    server.model.expireAllTokens();
    await client.syncLeads({ input: [{ email: 'new@example.com' }] });
    server.model.revokeAllTokens();
    await client.getLeadById(LEAD_ID).catch((error: Error) => errors.push(error.message));
    await client
      .getLeadById(LEAD_ID, { fields: ['unknownField'] })
      .catch((error: Error) => errors.push(error.message));
    server.injectFault({ kind: 'httpError', status: 400 });
    await client.describeLead().catch((error: Error) => errors.push(error.message));

    const tokens = new Set(
      server.requests.flatMap((request) => {
        const header = request.headers.authorization;
        return typeof header === 'string' ? [header.replace('Bearer ', '')] : [];
      }),
    );
    expect(tokens.size).toBeGreaterThan(1);
    expect(logger.lines.length).toBeGreaterThan(3);
    expect(errors).toHaveLength(2);
    const everything = [logger.text(), ...errors].join('\n');
    expect(everything).not.toContain(CLIENT_SECRET);
    for (const token of tokens) expect(everything).not.toContain(token);
  });

  it('failing logger does not fail calls', async () => {
    server = await startServer();
    const fail = () => {
      throw new Error('logger is broken');
    };
    const client = clientFor(server, {
      logger: { debug: fail, info: fail, warn: fail, error: fail },
    });
    const response = await client.describeLead();
    expect(response.success).toBe(true);
  });

  it('are silent without a logger', async () => {
    server = await startServer();
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method),
    );
    try {
      const client = clientFor(server);
      server.model.expireAllTokens();
      await client.describeLead();
      await client.getLeadById(LEAD_ID, { fields: ['unknownField'] }).catch(() => undefined);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
