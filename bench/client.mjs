// Benchmark of the REST client's pacing against the fake Marketo server on 127.0.0.1.
//
// The client and the fake instance share a clock that runs SCALE times faster than real time,
// so Marketo's 20-second window passes in 20 / SCALE real seconds. The fake instance enforces
// the same budget the client is configured with (calls per window and calls in flight), so any
// overshoot shows up as a 606 or 615 rejection.
//
// Usage: npm run bench:client   (compiles the TypeScript sources into a temporary directory)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SCALE = 10;
const WINDOW_MS = 20_000;
const CALLS_PER_WINDOW = 50;
const MAX_IN_FLIGHT = 5;
const WINDOWS = 10;
const WORKERS = 20;
const RESPONSE_DELAY_MS = 20;
// Shorter than Marketo's 3,600 s, so that the run includes token renewals.
const TOKEN_LIFETIME_SECONDS = 150;

const require = createRequire(import.meta.url);
const outDir = mkdtempSync(join(tmpdir(), 'marketo-client-bench-'));
try {
  compileSources(outDir);
  const client = await import(pathToFileURL(join(outDir, 'src/client/index.js')).href);
  const fake = await import(pathToFileURL(join(outDir, 'test/fake-marketo/server.js')).href);
  const sustained = await measureSustained(client, fake);
  const burst = await measureFirstCallBurst(client, fake);
  printReport(sustained, burst);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

function compileSources(target) {
  const tsc = require.resolve('typescript/bin/tsc');
  const args = [
    tsc,
    '--outDir',
    target,
    '--rootDir',
    '.',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--types',
    'node',
    '--strict',
    '--skipLibCheck',
    'src/client/index.ts',
    'test/fake-marketo/server.ts',
  ];
  execFileSync(process.execPath, args, { stdio: 'inherit' });
  writeFileSync(join(target, 'package.json'), '{ "type": "module" }\n');
}

function scaledClock(factor) {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / factor)),
  };
}

async function startPair(client, fake, clock, extraModel = {}) {
  const credentials = { clientId: 'bench-client', clientSecret: 'bench-secret' };
  const server = await fake.startFakeMarketo({
    responseDelayMs: RESPONSE_DELAY_MS,
    modelOptions: {
      clock,
      credentials: [credentials],
      maxCallsPerWindow: CALLS_PER_WINDOW,
      windowMs: WINDOW_MS,
      maxConcurrentCalls: MAX_IN_FLIGHT,
      tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      ...extraModel,
    },
  });
  const restClient = new client.MarketoRestClient({
    baseUrl: server.url,
    ...credentials,
    clock,
    windowMs: WINDOW_MS,
    maxCallsPerWindow: CALLS_PER_WINDOW,
    maxConcurrentCalls: MAX_IN_FLIGHT,
  });
  return { server, restClient };
}

// Workers call Get Lead by Id until WINDOWS full budgets of calls are done.
async function measureSustained(client, fake) {
  const clock = scaledClock(SCALE);
  const { server, restClient } = await startPair(client, fake, clock);
  try {
    const lead = server.model.addLead({ email: 'bench@example.com' });
    const total = WINDOWS * CALLS_PER_WINDOW;
    const endedAt = [];
    let started = 0;
    const worker = async () => {
      while (started < total) {
        started += 1;
        await restClient.getLeadById(lead.id);
        endedAt.push(clock.now());
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));

    // The first window's burst is free, so the sustained rate counts the calls after it over the
    // time from the first to the last response.
    endedAt.sort((a, b) => a - b);
    const spanWindows = (endedAt[endedAt.length - 1] - endedAt[0]) / WINDOW_MS;
    const sustainedRate = (total - CALLS_PER_WINDOW) / spanWindows;
    const counters = server.model.counters;
    return {
      calls: total,
      spanWindows,
      budgetFraction: sustainedRate / CALLS_PER_WINDOW,
      rejections606: counters.rejections['606'] ?? 0,
      rejections615: counters.rejections['615'] ?? 0,
      rejections602: counters.rejections['602'] ?? 0,
      maxInFlight: counters.maxInFlightSeen,
      tokenRequests: counters.tokenRequests,
      clientTokenRequests: restClient.tokenRequestCount,
    };
  } finally {
    await server.close();
  }
}

// 50 concurrent first calls on a new client must share one token request.
async function measureFirstCallBurst(client, fake) {
  const clock = scaledClock(SCALE);
  const { server, restClient } = await startPair(client, fake, clock, { maxCallsPerWindow: 100 });
  try {
    await Promise.all(Array.from({ length: CALLS_PER_WINDOW }, () => restClient.describeLead()));
    return { calls: CALLS_PER_WINDOW, tokenRequests: server.model.counters.tokenRequests };
  } finally {
    await server.close();
  }
}

function printReport(sustained, burst) {
  const perThousand = (sustained.tokenRequests / sustained.calls) * 1000;
  const rows = [
    [
      'Settings',
      `${CALLS_PER_WINDOW} calls per ${WINDOW_MS / 1000} s window (clock x${SCALE}), ` +
        `${MAX_IN_FLIGHT} in flight, ${WORKERS} callers, ${RESPONSE_DELAY_MS} ms server delay, ` +
        `token life ${TOKEN_LIFETIME_SECONDS} s`,
    ],
    ['Calls', `${sustained.calls} over ${sustained.spanWindows.toFixed(2)} windows`],
    ['Sustained throughput / budget', sustained.budgetFraction.toFixed(3)],
    ['606 responses', String(sustained.rejections606)],
    ['615 responses', String(sustained.rejections615)],
    ['602 responses', String(sustained.rejections602)],
    ['Max calls in flight / cap', `${sustained.maxInFlight} / ${MAX_IN_FLIGHT}`],
    ['Token requests per 1,000 calls', perThousand.toFixed(1)],
    ['Token requests for 50 concurrent first calls', String(burst.tokenRequests)],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(46)} ${value}`);
}
