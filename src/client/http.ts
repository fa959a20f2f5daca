/**
 * One HTTP exchange over the global `fetch`, with a timeout, and the query encoding the REST API
 * uses. Retries, tokens and envelopes are handled by the transport above this layer.
 */

/** Marketo rejects a GET URI over 8 KB with HTTP 414. */
export const MAX_GET_URL_BYTES = 8192;

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  text: string;
}

/**
 * The exchange failed without an HTTP response. `notSent` is true when the connection was refused,
 * which proves the server never saw the request.
 */
export class HttpFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    readonly notSent: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpFailure';
  }
}

/** Encodes query parameters. Arrays become comma-separated lists. Undefined values are dropped. */
export function encodeQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

/** Joins an origin, a path and an encoded query. */
export function buildUrl(origin: string, path: string, encodedQuery: string): string {
  return encodedQuery === '' ? `${origin}${path}` : `${origin}${path}?${encodedQuery}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Sends one request and reads the whole body as text, both within `timeoutMs`. */
export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, fetchInit(request, controller));
    const text = await response.text();
    return { status: response.status, text };
  } catch (error) {
    throw httpFailure(error, controller, request.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

export interface HttpStreamResponse {
  status: number;
  headers: Headers;
  /** The body, read as it arrives. Null for a response without a body. */
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Sends one request and returns as soon as the response headers arrive, with the body still to
 * be read. `timeoutMs` covers the wait for the headers only.
 * NOTE: a body that stalls after the headers is not timed out, because a large file may take
 * far longer than one call's timeout.
 */
export async function openHttpStream(request: HttpRequest): Promise<HttpStreamResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, fetchInit(request, controller));
    return { status: response.status, headers: response.headers, body: response.body };
  } catch (error) {
    throw httpFailure(error, controller, request.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function fetchInit(request: HttpRequest, controller: AbortController): RequestInit {
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    signal: controller.signal,
    redirect: 'manual',
  };
  if (request.body !== undefined) init.body = request.body;
  return init;
}

function httpFailure(error: unknown, controller: AbortController, timeoutMs: number): HttpFailure {
  if (controller.signal.aborted) {
    return new HttpFailure('timeout', false, `no response within ${timeoutMs} ms`);
  }
  const code = networkErrorCode(error);
  const notSent = code === 'ECONNREFUSED';
  return new HttpFailure('network', notSent, `connection failed (${code ?? 'unknown cause'})`, {
    cause: code,
  });
}

// Node's fetch rejects with TypeError('fetch failed') whose cause carries the socket error code.
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
