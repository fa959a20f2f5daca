import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, MarketoError, MarketoRestClient } from '../../src/client/index.js';
import type { FakeMarketoServer, FakeServerOptions, Fault } from '../fake-marketo/server.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  captureLogger,
  clientFor,
  scaledClock,
  startServer,
} from './helpers.js';

let server: FakeMarketoServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Backoff waits are seconds long in client time, so these tests run the client's clock
// 200 times faster than real time.
const FAST = 200;

async function started(options: FakeServerOptions = {}): Promise<FakeMarketoServer> {
  server = await startServer(options);
  return server;
}

async function failureOf(promise: Promise<unknown>): Promise<MarketoError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(MarketoError);
  return outcome as MarketoError;
}

function syncOne(client: MarketoRestClient, email = 'new@example.com') {
  return client.syncLeads({ input: [{ email }] });
}

describe('retries of reads', () => {
  const faults: { name: string; fault: Fault }[] = [
    { name: 'HTTP 502', fault: { kind: 'httpError', status: 502, times: 2 } },
    { name: 'HTTP 503 after handling', fault: { kind: 'httpError', status: 503, after: true } },
    { name: 'connection reset', fault: { kind: 'reset', times: 2 } },
    { name: '604 timeout', fault: { kind: 'restError', code: '604' } },
    { name: '608 unavailable', fault: { kind: 'restError', code: '608' } },
    { name: '611 system error', fault: { kind: 'restError', code: '611', times: 3 } },
    { name: '713 transient', fault: { kind: 'restError', code: '713' } },
  ];

  for (const { name, fault } of faults) {
    it(`recovers from ${name}`, async () => {
      const fake = await started();
      fake.injectFault({ ...fault, operation: 'describeLead' });
      const client = clientFor(fake, { clock: scaledClock(FAST) });
      const response = await client.describeLead();
      expect(response.success).toBe(true);
      const attempts = fake.requests.filter((request) => request.operation === 'describeLead');
      expect(attempts).toHaveLength((fault.times ?? 1) + 1);
    });
  }

  it('recovers from a timeout', async () => {
    const fake = await started();
    fake.injectFault({ kind: 'slow', delayMs: 1000, operation: 'describeLead' });
    const client = clientFor(fake, { clock: scaledClock(FAST), timeoutMs: 100 });
    const response = await client.describeLead();
    expect(response.success).toBe(true);
    expect(fake.requests.filter((request) => request.operation === 'describeLead')).toHaveLength(2);
  });

  it('gives up after maxRetries', async () => {
    const fake = await started();
    fake.injectFault({ kind: 'httpError', status: 500, times: 10, operation: 'describeLead' });
    const logger = captureLogger();
    const client = clientFor(fake, { clock: scaledClock(FAST), maxRetries: 2, logger });
    const error = await failureOf(client.describeLead());
    expect(error.code).toBe('HTTP_500');
    expect(error.httpStatus).toBe(500);
    expect(error.mayHaveRun).toBeUndefined();
    expect(fake.requests.filter((request) => request.operation === 'describeLead')).toHaveLength(3);
    const retries = logger.lines.filter((line) => line.message === 'Marketo call failed, retrying');
    expect(retries).toHaveLength(2);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
  });

  it('does not retry a client error', async () => {
    const fake = await started();
    fake.injectFault({ kind: 'restError', code: '603', operation: 'describeLead' });
    const client = clientFor(fake, { clock: scaledClock(FAST) });
    const error = await failureOf(client.describeLead());
    expect(error.code).toBe('603');
    expect(fake.requests.filter((request) => request.operation === 'describeLead')).toHaveLength(1);
  });
});

describe('non-idempotent calls', () => {
  const mayHaveRun: { name: string; fault: Fault; code: string }[] = [
    { name: 'HTTP 502', fault: { kind: 'httpError', status: 502, after: true }, code: 'HTTP_502' },
    {
      name: 'connection reset',
      fault: { kind: 'reset', after: true },
      code: CLIENT_ERROR_CODES.network,
    },
    { name: '604', fault: { kind: 'restError', code: '604', after: true }, code: '604' },
    { name: '611', fault: { kind: 'restError', code: '611', after: true }, code: '611' },
    { name: '713', fault: { kind: 'restError', code: '713', after: true }, code: '713' },
  ];

  for (const { name, fault, code } of mayHaveRun) {
    it(`syncLeads is not repeated after ${name}`, async () => {
      const fake = await started();
      fake.injectFault({ ...fault, operation: 'syncLeads' });
      const client = clientFor(fake, { clock: scaledClock(FAST) });
      const error = await failureOf(syncOne(client));
      expect(error.code).toBe(code);
      expect(error.mayHaveRun).toBe(true);
      expect(error.operation).toBe('syncLeads');
      expect(fake.requests.filter((request) => request.operation === 'syncLeads')).toHaveLength(1);
      expect(fake.model.leads.size).toBe(1);
    });
  }

  it('syncLeads is not repeated after a timeout', async () => {
    const fake = await started();
    fake.injectFault({ kind: 'slow', delayMs: 300, operation: 'syncLeads' });
    const client = clientFor(fake, { clock: scaledClock(FAST), timeoutMs: 50 });
    const error = await failureOf(syncOne(client));
    expect(error.code).toBe(CLIENT_ERROR_CODES.timeout);
    expect(error.mayHaveRun).toBe(true);
    // The fake server goes on and creates the lead after the client gave up.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.requests.filter((request) => request.operation === 'syncLeads')).toHaveLength(1);
    expect(fake.model.leads.size).toBe(1);
  });

  it('608 is not retried but did not run', async () => {
    const fake = await started();
    fake.injectFault({ kind: 'restError', code: '608', operation: 'associateLead' });
    fake.model.addLead({ id: 5, email: 'a@example.com' });
    const client = clientFor(fake, { clock: scaledClock(FAST) });
    const cookie = 'id:123-ABC-456&token:_mch-example.com-1-2';
    const error = await failureOf(client.associateLead(5, cookie));
    expect(error.code).toBe('608');
    expect(error.mayHaveRun).toBe(false);
    const attempts = fake.requests.filter((request) => request.operation === 'associateLead');
    expect(attempts).toHaveLength(1);
  });

  it('syncLeads is retried after 606', async () => {
    const clock = scaledClock(FAST);
    const fake = await started({ modelOptions: { clock, maxCallsPerWindow: 1 } });
    const client = clientFor(fake, { clock, maxCallsPerWindow: 10 });
    const responses = await Promise.all([
      syncOne(client, 'a@example.com'),
      syncOne(client, 'b@example.com'),
    ]);
    expect(responses.map((response) => response.result[0]?.status)).toEqual(['created', 'created']);
    expect(fake.model.counters.rejections['606']).toBeGreaterThanOrEqual(1);
    expect(fake.model.leads.size).toBe(2);
  });

  it('syncLeads is retried after 615', async () => {
    const clock = scaledClock(FAST);
    const fake = await started({
      modelOptions: { clock, maxConcurrentCalls: 1 },
      responseDelayMs: 20,
    });
    const client = clientFor(fake, { clock, maxConcurrentCalls: 4 });
    const emails = ['a@example.com', 'b@example.com', 'c@example.com'];
    const responses = await Promise.all(emails.map((email) => syncOne(client, email)));
    expect(responses.every((response) => response.result[0]?.status === 'created')).toBe(true);
    expect(fake.model.counters.rejections['615']).toBeGreaterThanOrEqual(1);
    expect(fake.model.leads.size).toBe(3);
  });

  it('syncLeads is retried once after 601', async () => {
    const fake = await started();
    const client = clientFor(fake);
    await client.describeLead();
    fake.model.revokeAllTokens();
    const response = await syncOne(client);
    expect(response.result[0]?.status).toBe('created');
    expect(fake.model.counters.rejections['601']).toBe(1);
    expect(fake.model.leads.size).toBe(1);
  });
});

describe('limits that stop', () => {
  it('daily quota (607) is thrown without retry', async () => {
    const fake = await started({ modelOptions: { dailyQuota: 2 } });
    const client = clientFor(fake, { clock: scaledClock(FAST) });
    await client.describeLead();
    await client.describeLead();
    const error = await failureOf(client.describeLead());
    expect(error.code).toBe('607');
    expect(error.soapCode).toBe('20015');
    expect(fake.model.counters.rejections['607']).toBe(1);
  });

  it('rate limit retries give up after maxRetries', async () => {
    const clock = scaledClock(FAST);
    const fake = await started({
      modelOptions: { clock, maxCallsPerWindow: 1, windowMs: 3_600_000 },
    });
    const client = clientFor(fake, { clock, maxRetries: 2 });
    await client.describeLead();
    const error = await failureOf(client.describeLead());
    expect(error.code).toBe('606');
    expect(error.soapCode).toBe('20023');
    expect(fake.model.counters.rejections['606']).toBe(3);
  });

  it('refused connection is retried, then thrown', async () => {
    // A port that was free a moment ago, with nothing listening on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const client = new MarketoRestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      clock: scaledClock(FAST),
      maxRetries: 1,
    });
    const error = await failureOf(client.describeLead());
    expect(error.code).toBe(CLIENT_ERROR_CODES.network);
    expect(error.operation).toBe('getAccessToken');
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(client.tokenRequestCount).toBe(2);
  });
});
