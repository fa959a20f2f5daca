import { afterEach, describe, expect, it } from 'vitest';
import { CallPacer } from '../../src/client/pacing.js';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { clientFor, flushPromises, ManualClock, startServer } from './helpers.js';

/** Acquires `count` slots and records which were granted, in order. */
function acquireMany(
  pacer: CallPacer,
  count: number,
): { granted: number[]; releases: (() => void)[] } {
  const granted: number[] = [];
  const releases: (() => void)[] = [];
  for (let index = 0; index < count; index += 1) {
    void pacer.acquire().then((release) => {
      granted.push(index);
      releases.push(release);
    });
  }
  return { granted, releases };
}

describe('CallPacer', () => {
  it('admits at most N calls per window', async () => {
    const clock = new ManualClock();
    const pacer = new CallPacer({
      maxCallsPerWindow: 3,
      windowMs: 1000,
      maxConcurrentCalls: 10,
      clock,
    });
    const { granted, releases } = acquireMany(pacer, 5);
    await flushPromises();
    expect(granted).toEqual([0, 1, 2]);
    for (const release of releases) release();

    await clock.advance(999);
    expect(granted).toEqual([0, 1, 2]);
    await clock.advance(1);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts a call until a window after it ends', async () => {
    const clock = new ManualClock();
    const pacer = new CallPacer({
      maxCallsPerWindow: 2,
      windowMs: 1000,
      maxConcurrentCalls: 10,
      clock,
    });
    void pacer.acquire().then((release) => release());
    await flushPromises();
    await clock.advance(600);
    const { granted, releases } = acquireMany(pacer, 3);
    await flushPromises();
    expect(granted).toEqual([0]);

    // The first call ended at 0 and leaves the window at 1,000.
    await clock.advance(500);
    expect(granted).toEqual([0, 1]);

    // Both calls in the window are still in flight, so nothing is admitted however long it takes.
    await clock.advance(5000);
    expect(granted).toEqual([0, 1]);
    releases[0]?.();
    await clock.advance(999);
    expect(granted).toEqual([0, 1]);
    await clock.advance(1);
    expect(granted).toEqual([0, 1, 2]);
  });

  it('caps calls in flight', async () => {
    const clock = new ManualClock();
    const pacer = new CallPacer({
      maxCallsPerWindow: 100,
      windowMs: 1000,
      maxConcurrentCalls: 2,
      clock,
    });
    const { granted, releases } = acquireMany(pacer, 4);
    await flushPromises();
    expect(granted).toEqual([0, 1]);
    expect(pacer.callsInFlight).toBe(2);

    releases[0]?.();
    releases[0]?.();
    await flushPromises();
    expect(granted).toEqual([0, 1, 2]);
    expect(pacer.callsInFlight).toBe(2);
  });

  it('reports waits for the window', async () => {
    const clock = new ManualClock();
    const waits: number[] = [];
    const pacer = new CallPacer({
      maxCallsPerWindow: 1,
      windowMs: 1000,
      maxConcurrentCalls: 5,
      clock,
      onWait: (waitMs) => waits.push(waitMs),
    });
    const { releases } = acquireMany(pacer, 2);
    await flushPromises();
    expect(waits).toEqual([]);
    await clock.advance(300);
    releases[0]?.();
    expect(waits).toEqual([1000]);
  });
});

describe('pacing against the fake server', () => {
  let server: FakeMarketoServer;

  afterEach(async () => {
    await server.close();
  });

  it('stays under the rate limit', async () => {
    // The fake instance admits 5 calls per 2 s, and the client is set to the same budget.
    server = await startServer({ modelOptions: { maxCallsPerWindow: 5, windowMs: 2000 } });
    const client = clientFor(server, { maxCallsPerWindow: 5, windowMs: 2000 });
    const responses = await Promise.all(Array.from({ length: 12 }, () => client.describeLead()));
    expect(responses.every((response) => response.success)).toBe(true);
    expect(server.model.counters.rejections['606']).toBeUndefined();
    expect(server.model.callCount('describeLead')).toBe(12);
  });

  it('stays under the concurrency limit', async () => {
    server = await startServer({ modelOptions: { maxConcurrentCalls: 3 }, responseDelayMs: 10 });
    const client = clientFor(server, { maxConcurrentCalls: 3, maxCallsPerWindow: 100 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.describeLead()));
    expect(responses.every((response) => response.success)).toBe(true);
    expect(server.model.counters.rejections['615']).toBeUndefined();
    expect(server.model.counters.maxInFlightSeen).toBe(3);
  });
});
