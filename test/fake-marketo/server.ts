/**
 * REST face of the fake Marketo instance: a plain `node:http` server on 127.0.0.1 that serves the
 * identity, Lead Database and smart campaign Asset endpoints from a FakeMarketoModel, records
 * every request, and can inject transport faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeMarketoModel, ModelError, type ModelOptions, type SyncLeadsInput } from './model.js';
import { csv } from './params.js';
import { ASSET_ROUTES } from './asset-routes.js';
import { BULK_ROUTES, OBJECT_ROUTES } from './object-routes.js';
import { RECORD_ROUTES } from './record-routes.js';

/** Marketo rejects a GET request URI over 8 KB with HTTP 414. */
export const MAX_GET_URI_BYTES = 8192;
/** Marketo rejects a body over 1 MB with HTTP 413. */
export const MAX_BODY_BYTES = 1_048_576;

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Raw request target, path and query. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Operation name the server routed the request to, or undefined when none matched. */
  operation?: string;
}

/**
 * A fault for the next matching requests. `reset` destroys the socket before any response byte,
 * `httpError` responds with `status` and an HTML body, `restError` responds with HTTP 200,
 * `success: false` and `code`, and `slow` delays the response by `delayMs`.
 * With `after: true`, the model handles the request first, so the call took effect.
 */
export interface Fault {
  kind: 'reset' | 'httpError' | 'restError' | 'slow';
  operation?: string;
  status?: number;
  /** REST error code of a `restError`, such as `'611'`. */
  code?: string;
  delayMs?: number;
  after?: boolean;
  /** How many matching requests get the fault, default 1. */
  times?: number;
}

export interface FakeServerOptions {
  model?: FakeMarketoModel;
  modelOptions?: ModelOptions;
  /** Delay of every API response in real milliseconds, to make calls overlap. */
  responseDelayMs?: number;
}

export interface FakeMarketoServer {
  /** Origin such as `http://127.0.0.1:40123`. */
  url: string;
  model: FakeMarketoModel;
  requests: RecordedRequest[];
  injectFault(fault: Fault): void;
  close(): Promise<void>;
}

/**
 * The part of a success envelope a route fills in, or a file body (such as a CSV) sent as it
 * is with `status`, default 200.
 */
export interface RouteAnswer {
  result?: unknown[];
  moreResult?: boolean;
  nextPageToken?: string;
  warnings?: { code: number; message: string }[];
  file?: { contentType: string; text: string; status?: number; headers?: Record<string, string> };
}

export interface Route {
  /** Operation name, as the client method that calls the route is named. */
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle(model: FakeMarketoModel, call: ApiCall): RouteAnswer;
}

export interface ApiCall {
  /**
   * Query parameters, plus the parameters of a form body: the whole request of a POST with
   * `_method=GET`, or the fields of an asset write.
   */
  params: Record<string, string>;
  /** Parsed JSON body. */
  json: unknown;
  /** The `file` part of a `multipart/form-data` body. */
  upload?: { fileName: string; content: string };
  /** Request headers, for the few routes that read one, such as `Range`. */
  headers: IncomingMessage['headers'];
  match: RegExpExecArray;
}

const LEAD_ROUTES: readonly Route[] = [
  {
    operation: 'getLeadById',
    method: 'GET',
    pattern: /^\/rest\/v1\/lead\/(\d+)\.json$/,
    handle: (model, call) => ({
      result: model.getLeadById(Number(call.match[1]), csv(call.params['fields'])),
    }),
  },
  {
    operation: 'describeLead',
    method: 'GET',
    pattern: /^\/rest\/v1\/leads\/describe\.json$/,
    handle: (model) => ({ result: model.describeLead() }),
  },
  {
    operation: 'getLeadsByFilterType',
    method: 'GET',
    pattern: /^\/rest\/v1\/leads\.json$/,
    handle: (model, call) => answerLeadsByFilterType(model, call.params),
  },
  {
    operation: 'syncLeads',
    method: 'POST',
    pattern: /^\/rest\/v1\/leads\.json$/,
    handle: (model, call) => {
      const body = call.json as Record<string, unknown> | undefined;
      if (body === undefined || !Array.isArray(body['input'])) {
        throw new ModelError('1003', 'input is required');
      }
      const request: SyncLeadsInput = { input: body['input'] as Record<string, unknown>[] };
      if (typeof body['action'] === 'string') request.action = body['action'];
      if (typeof body['lookupField'] === 'string') request.lookupField = body['lookupField'];
      if (typeof body['partitionName'] === 'string') request.partitionName = body['partitionName'];
      return { result: model.syncLeads(request) };
    },
  },
  {
    operation: 'associateLead',
    method: 'POST',
    pattern: /^\/rest\/v1\/leads\/(\d+)\/associate\.json$/,
    handle: (model, call) => {
      model.associateLead(Number(call.match[1]), call.params['cookie'] ?? '');
      return { result: [] };
    },
  },
];

const ROUTES: readonly Route[] = [
  ...LEAD_ROUTES,
  ...RECORD_ROUTES,
  ...ASSET_ROUTES,
  ...OBJECT_ROUTES,
  ...BULK_ROUTES,
];

/** Starts the fake server on 127.0.0.1 with a free port. */
export async function startFakeMarketo(
  options: FakeServerOptions = {},
): Promise<FakeMarketoServer> {
  const model = options.model ?? new FakeMarketoModel(options.modelOptions);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let requestCounter = 0;

  const server = createServer((req, res) => {
    void readBody(req)
      .then((body) => {
        requestCounter += 1;
        const requestId = `${requestCounter.toString(16)}#${Date.now().toString(16)}`;
        return handle(req, res, body, requestId);
      })
      .catch((error: unknown) => sendText(res, 500, `<html><body>${String(error)}</body></html>`));
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    requestId: string,
  ): Promise<void> {
    const target = new URL(req.url ?? '/', 'http://fake.invalid');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: target.pathname,
      url: req.url ?? '',
      query: Object.fromEntries(target.searchParams),
      headers: req.headers,
      body,
    };
    requests.push(recorded);

    if (target.pathname.endsWith('/oauth/token')) {
      answerToken(model, res, target.searchParams);
      return;
    }
    if (req.method === 'GET' && Buffer.byteLength(req.url ?? '') > MAX_GET_URI_BYTES) {
      sendText(res, 414, '<html><body>414 Request-URI Too Large</body></html>');
      return;
    }
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
      sendText(res, 413, '<html><body>413 Request Entity Too Large</body></html>');
      return;
    }

    const override = req.method === 'POST' && target.searchParams.get('_method') === 'GET';
    const method = override ? 'GET' : req.method;
    const contentType = req.headers['content-type'] ?? '';
    const formBody = contentType.startsWith('application/x-www-form-urlencoded');
    const jsonBody = contentType.startsWith('application/json');
    const params: Record<string, string> = Object.fromEntries(target.searchParams);
    delete params['_method'];
    if (formBody) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const route = ROUTES.find(
      (entry) => entry.method === method && entry.pattern.test(target.pathname),
    );
    if (route === undefined) {
      sendJson(res, 404, failure(requestId, '610', 'Requested resource not found'));
      return;
    }
    recorded.operation = route.operation;

    const fault = takeFault(faults, route.operation);
    if (fault !== undefined && !fault.after) {
      if (await applyFault(res, fault, req, requestId)) return;
    }

    let envelope: unknown;
    let fileAnswer: RouteAnswer['file'];
    let endCall: (() => void) | undefined;
    try {
      model.authenticate(bearerToken(req));
      endCall = model.beginCall(route.operation);
      const match = route.pattern.exec(target.pathname);
      if (match === null) throw new Error(`route ${route.operation} lost its match`);
      const multipart = contentType.startsWith('multipart/form-data');
      const json = jsonBody || (!formBody && !multipart) ? parseJson(body) : undefined;
      const call: ApiCall = { params, json, headers: req.headers, match };
      const upload = multipart ? parseMultipartFile(contentType, body) : undefined;
      if (upload !== undefined) call.upload = upload;
      const { file, ...answer } = route.handle(model, call);
      if (file !== undefined) {
        envelope = undefined;
        fileAnswer = file;
      } else {
        envelope = { requestId, success: true, ...answer };
      }
    } catch (error) {
      endCall?.();
      if (!(error instanceof ModelError)) throw error;
      envelope = failure(requestId, error.code, error.message);
      endCall = undefined;
    }

    try {
      if (options.responseDelayMs) await delay(options.responseDelayMs);
      if (fault !== undefined && fault.after) {
        if (await applyFault(res, fault, req, requestId)) return;
      }
      if (fileAnswer !== undefined) sendFile(res, fileAnswer);
      else sendJson(res, 200, envelope);
    } finally {
      endCall?.();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    model,
    requests,
    injectFault: (fault) => faults.push({ times: 1, ...fault }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function answerToken(model: FakeMarketoModel, res: ServerResponse, query: URLSearchParams): void {
  if (query.get('grant_type') !== 'client_credentials') {
    sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: 'grant_type missing',
    });
    return;
  }
  try {
    const clientId = query.get('client_id') ?? undefined;
    const grant = model.issueToken(clientId, query.get('client_secret') ?? undefined);
    sendJson(res, 200, {
      access_token: grant.accessToken,
      token_type: 'bearer',
      expires_in: grant.expiresInSeconds,
      scope: grant.scope,
    });
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    sendJson(res, 401, { error: error.code, error_description: error.message });
  }
}

function answerLeadsByFilterType(
  model: FakeMarketoModel,
  params: Record<string, string>,
): RouteAnswer {
  const request: Parameters<FakeMarketoModel['getLeadsByFilterType']>[0] = {
    filterType: params['filterType'] ?? '',
    filterValues: csv(params['filterValues']) ?? [],
  };
  const fields = csv(params['fields']);
  if (fields !== undefined) request.fields = fields;
  if (params['batchSize'] !== undefined) request.batchSize = Number(params['batchSize']);
  if (params['nextPageToken'] !== undefined) request.nextPageToken = params['nextPageToken'];

  const page = model.getLeadsByFilterType(request);
  const answer: RouteAnswer = { result: page.leads, moreResult: page.nextPageToken !== undefined };
  if (page.nextPageToken !== undefined) answer.nextPageToken = page.nextPageToken;
  if (page.leads.length === 0) {
    answer.warnings = [{ code: 1003, message: 'No leads match the filter' }];
  }
  return answer;
}

function takeFault(faults: Fault[], operation: string): Fault | undefined {
  const index = faults.findIndex(
    (fault) => fault.operation === undefined || fault.operation === operation,
  );
  const fault = faults[index];
  if (fault === undefined) return undefined;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) faults.splice(index, 1);
  return fault;
}

// Returns true when the fault ended the request, false when the request goes on (slow).
async function applyFault(
  res: ServerResponse,
  fault: Fault,
  req: IncomingMessage,
  requestId: string,
): Promise<boolean> {
  if (fault.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  if (fault.kind === 'httpError') {
    sendText(res, fault.status ?? 502, '<html><body>Bad Gateway</body></html>');
    return true;
  }
  if (fault.kind === 'restError') {
    sendJson(res, 200, failure(requestId, fault.code ?? '611', 'System error'));
    return true;
  }
  await delay(fault.delayMs ?? 1000);
  return false;
}

function failure(requestId: string, code: string, message: string): unknown {
  return { requestId, success: false, errors: [{ code, message }] };
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new ModelError('609', 'Invalid JSON');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function sendFile(res: ServerResponse, file: NonNullable<RouteAnswer['file']>): void {
  if (res.destroyed) return;
  res.writeHead(file.status ?? 200, { ...file.headers, 'Content-Type': file.contentType });
  res.end(file.text);
}

// Returns the part named `file` of a multipart/form-data body, or throws 613.
function parseMultipartFile(
  contentType: string,
  body: string,
): { fileName: string; content: string } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) throw new ModelError('613', 'Invalid multipart request');
  for (const part of body.split(`--${marker}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    if (!/name="file"/.test(headers)) continue;
    const fileName = /filename="([^"]*)"/.exec(headers)?.[1] ?? '';
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    return { fileName, content };
  }
  throw new ModelError('613', 'Invalid multipart request: no file part');
}

function sendText(res: ServerResponse, status: number, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/html' });
  res.end(body);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
