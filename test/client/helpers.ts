import {
  MarketoRestClient,
  type Clock,
  type MarketoClientOptions,
} from '../../src/client/index.js';
import {
  startFakeMarketo,
  type FakeMarketoServer,
  type FakeServerOptions,
} from '../fake-marketo/server.js';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret-9f2c';

/** Starts a fake Marketo server that accepts CLIENT_ID and CLIENT_SECRET. */
export function startServer(options: FakeServerOptions = {}): Promise<FakeMarketoServer> {
  return startFakeMarketo({
    ...options,
    modelOptions: {
      credentials: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
      ...options.modelOptions,
    },
  });
}

/** Creates a client aimed at the fake server, never at a real Marketo host. */
export function clientFor(
  server: FakeMarketoServer,
  options: Partial<MarketoClientOptions> = {},
): MarketoRestClient {
  return new MarketoRestClient({
    baseUrl: server.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  });
}

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** Creates a logger that keeps every line, and the text of all lines for secret checks. */
export function captureLogger(): { lines: LogLine[]; text(): string } & Required<
  NonNullable<MarketoClientOptions['logger']>
> {
  const lines: LogLine[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line: LogLine = { level, message };
    if (fields !== undefined) line.fields = fields;
    lines.push(line);
  };
  return {
    lines,
    text: () =>
      lines.map((line) => `${line.message} ${JSON.stringify(line.fields ?? {})}`).join('\n'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/**
 * Creates a clock that runs `factor` times faster than real time, for the client and the fake
 * model at once, so that 20-second windows and hour-long tokens pass in milliseconds.
 */
export function scaledClock(factor: number): Clock {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / factor)),
  };
}

/** A clock that moves only when `advance` is called. Sleepers wake in time order. */
export class ManualClock implements Clock {
  private time = 1_700_000_000_000;
  private timers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), resolve });
    });
  }

  /** Moves time forward by `ms`, waking each sleeper that is due, then lets promises settle. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.resolve();
    await flushPromises();
  }

  /** Sleepers not yet woken. */
  get pendingSleeps(): number {
    return this.timers.length;
  }
}

/** Lets pending promise callbacks run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
