import { randomUUID } from 'node:crypto';
import type { AccessTokenSource } from './auth.js';
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import {
  buildUrl,
  byteLength,
  encodeQuery,
  HttpFailure,
  MAX_GET_URL_BYTES,
  openHttpStream,
  sendHttp,
  type HttpRequest,
  type Query,
} from './http.js';
import type { RedactingLogger } from './log.js';
import type { CallPacer } from './pacing.js';
import {
  backoffDelayMs,
  isRetried,
  policyForHttpStatus,
  policyForRestCode,
  type FailurePolicy,
} from './retry.js';
import type { Clock, RestIssue, RestResponse } from './types.js';

/** A file sent as the `multipart/form-data` part of a bulk import. */
export interface UploadFile {
  /** Name of the form part, `file` for Marketo's bulk imports. */
  partName: string;
  fileName: string;
  contentType: string;
  content: string;
}

/** One REST call as a client method describes it. */
export interface CallSpec {
  /** Client method name, reported in errors and logs. */
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path from the origin, such as `/rest/v1/leads.json`. */
  path: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded`, in place of a JSON body. */
  form?: Query;
  /** Sent as `multipart/form-data`, in place of a JSON body. */
  file?: UploadFile;
  /** False for calls that change data, which must not run twice. */
  idempotent: boolean;
  /** Timeout of one HTTP attempt when the client has no `timeoutMs` option. */
  defaultTimeoutMs: number;
}

export interface TransportSettings {
  baseUrl: string;
  timeoutMs: number | undefined;
  maxRetries: number;
  windowMs: number;
  clock: Clock;
  tokens: AccessTokenSource;
  pacer: CallPacer;
  log: RedactingLogger;
}

type AttemptOutcome<R> =
  { ok: true; response: R } | { ok: false; error: MarketoError; policy: FailurePolicy };

/**
 * Reading mode of a 200 response body: the JSON envelope, a file such as a CSV, or a stream of
 * a file that may be too large to hold in memory.
 */
type BodyKind = 'envelope' | 'file' | 'stream';

/** A file response whose body is read as it arrives. */
export interface FileStream {
  /** 200, or 206 for a `Range` request. */
  status: number;
  /** The `Content-Range` header of a 206 response. */
  contentRange?: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Sends REST calls with a bearer token, through the pacer, and turns the REST envelope into a
 * response or a MarketoError. It retries by the policy of each failure and renews the token once
 * on 601 or 602.
 */
export class RestTransport {
  constructor(private readonly settings: TransportSettings) {}

  /** Sends the call and returns its JSON envelope. */
  call<T>(spec: CallSpec): Promise<RestResponse<T>> {
    return this.send<RestResponse<T>>(spec, 'envelope');
  }

  /**
   * Sends the call and returns the body of a 200 response as text, for endpoints that return a
   * file, such as bulk import failures. A JSON envelope with `success: false` is still an error.
   */
  callForFile(spec: CallSpec): Promise<string> {
    return this.send<string>(spec, 'file');
  }

  /**
   * Sends the call and returns the body of a 200 or 206 response as a stream. Retries happen
   * only before the body starts, so a stream that fails midway is not resumed.
   */
  callForStream(spec: CallSpec, headers: Record<string, string> = {}): Promise<FileStream> {
    return this.send<FileStream>(spec, 'stream', headers);
  }

  private async send<R>(
    spec: CallSpec,
    bodyKind: BodyKind,
    extraHeaders: Record<string, string> = {},
  ): Promise<R> {
    const prepared = this.prepare(spec);
    const request = { ...prepared, headers: { ...prepared.headers, ...extraHeaders } };
    let tokenRenewed = false;
    let retries = 0;

    for (;;) {
      const token = await this.settings.tokens.getToken();
      const release = await this.settings.pacer.acquire();
      let outcome: AttemptOutcome<R>;
      try {
        outcome = await this.attempt<R>(spec, request, token, bodyKind);
      } finally {
        release();
      }
      if (outcome.ok) return outcome.response;

      const { error, policy } = outcome;
      if (policy.kind === 'token' && !tokenRenewed) {
        tokenRenewed = true;
        this.settings.tokens.invalidate(token);
        this.settings.log.info('Marketo access token rejected, renewing it and retrying', {
          ...this.errorFields(error),
        });
        continue;
      }
      if (isRetried(policy, spec.idempotent) && retries < this.settings.maxRetries) {
        const delayMs = backoffDelayMs(policy.kind, retries, this.settings.windowMs);
        retries += 1;
        this.settings.log.warn('Marketo call failed, retrying', {
          ...this.errorFields(error),
          retry: retries,
          delayMs,
        });
        await this.settings.clock.sleep(delayMs);
        continue;
      }

      if (policy.kind === 'transient' && !spec.idempotent) {
        error.mayHaveRun = policy.mayHaveRun ?? true;
      }
      this.settings.log.error('Marketo call failed', {
        ...this.errorFields(error),
        retries,
        mayHaveRun: error.mayHaveRun,
      });
      throw error;
    }
  }

  // A GET whose URL would pass 8 KB goes as POST with `_method=GET` and a form body.
  private prepare(spec: CallSpec): HttpRequest {
    const timeoutMs = this.settings.timeoutMs ?? spec.defaultTimeoutMs;
    const query = encodeQuery(spec.query ?? {});
    const url = buildUrl(this.settings.baseUrl, spec.path, query);
    const headers: Record<string, string> = { Accept: 'application/json' };

    if (spec.method === 'GET') {
      if (byteLength(url) <= MAX_GET_URL_BYTES) return { method: 'GET', url, headers, timeoutMs };
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const overrideQuery = encodeQuery({ _method: 'GET' });
      const overrideUrl = buildUrl(this.settings.baseUrl, spec.path, overrideQuery);
      return { method: 'POST', url: overrideUrl, headers, body: query, timeoutMs };
    }

    const request: HttpRequest = { method: spec.method, url, headers, timeoutMs };
    if (spec.file !== undefined) {
      const boundary = `----marketo-client-${randomUUID()}`;
      headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
      request.body = multipartBody(spec.file, boundary);
    } else if (spec.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      request.body = encodeQuery(spec.form);
    } else if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(spec.body);
    }
    return request;
  }

  private async attempt<R>(
    spec: CallSpec,
    request: HttpRequest,
    token: string,
    bodyKind: BodyKind,
  ): Promise<AttemptOutcome<R>> {
    const headers = { ...request.headers, Authorization: `Bearer ${token}` };
    let status: number;
    let text: string;
    try {
      if (bodyKind === 'stream') {
        const opened = await openHttpStream({ ...request, headers });
        const type = opened.headers.get('content-type') ?? '';
        const isFile = (opened.status === 200 || opened.status === 206) && !type.includes('json');
        if (isFile && opened.body !== null) {
          this.settings.log.debug('Marketo call succeeded', {
            operation: spec.operation,
            method: request.method,
            path: spec.path,
          });
          const stream: FileStream = { status: opened.status, body: opened.body };
          const range = opened.headers.get('content-range');
          if (range !== null) stream.contentRange = range;
          return { ok: true, response: stream as R };
        }
        status = opened.status;
        text = opened.body === null ? '' : await new Response(opened.body).text();
      } else {
        ({ status, text } = await sendHttp({ ...request, headers }));
      }
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const code =
        error.kind === 'timeout' ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network;
      const failure = this.newError(spec, `${error.message}`, { code });
      const policy: FailurePolicy = error.notSent
        ? { kind: 'notSent' }
        : { kind: 'transient', mayHaveRun: true };
      return { ok: false, error: failure, policy };
    }

    const envelope = parseEnvelope<unknown>(text);
    if (bodyKind === 'file' && status === 200 && envelope?.success !== false) {
      this.settings.log.debug('Marketo call succeeded', {
        operation: spec.operation,
        method: request.method,
        path: spec.path,
      });
      return { ok: true, response: text as R };
    }
    if (envelope !== undefined && envelope.success) {
      if (status === 200) {
        this.settings.log.debug('Marketo call succeeded', {
          operation: spec.operation,
          method: request.method,
          path: spec.path,
          requestId: envelope.requestId,
        });
        return { ok: true, response: envelope as R };
      }
    }

    if (envelope !== undefined && !envelope.success) {
      const issue: RestIssue = envelope.errors?.[0] ?? {
        code: 'UNKNOWN',
        message: 'success is false but errors is missing',
      };
      const code = String(issue.code);
      const error = this.newError(spec, `${code} ${issue.message}`, {
        code,
        requestId: envelope.requestId,
        httpStatus: status,
      });
      return { ok: false, error, policy: policyForRestCode(code) };
    }

    if (status !== 200) {
      const error = this.newError(spec, `HTTP ${status}`, {
        code: `HTTP_${status}`,
        httpStatus: status,
      });
      return { ok: false, error, policy: policyForHttpStatus(status) };
    }
    const error = this.newError(spec, 'the response is not a Marketo REST envelope', {
      code: CLIENT_ERROR_CODES.invalidResponse,
      httpStatus: status,
    });
    return { ok: false, error, policy: { kind: 'fatal' } };
  }

  private newError(
    spec: CallSpec,
    reason: string,
    details: { code: string; requestId?: string; httpStatus?: number },
  ): MarketoError {
    const requestId = details.requestId ? `, requestId ${details.requestId}` : '';
    const message = this.settings.log.redact(
      `Marketo ${spec.operation} failed: ${reason} (${spec.method} ${spec.path}${requestId}).`,
    );
    return new MarketoError(message, { ...details, operation: spec.operation, path: spec.path });
  }

  private errorFields(error: MarketoError): Record<string, unknown> {
    return {
      operation: error.operation,
      path: error.path,
      code: error.code,
      httpStatus: error.httpStatus,
      requestId: error.requestId,
    };
  }
}

// CRLF line ends, as RFC 7578 requires. The file name is quoted, with quotes and line breaks
// replaced, so that it cannot end the header.
function multipartBody(file: UploadFile, boundary: string): string {
  const fileName = file.fileName.replace(/["\r\n]/g, '_');
  return (
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.partName}"; filename="${fileName}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n` +
    `${file.content}\r\n` +
    `--${boundary}--\r\n`
  );
}

function parseEnvelope<T>(text: string): RestResponse<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const envelope = value as Partial<RestResponse<T>>;
  if (typeof envelope.success !== 'boolean') return undefined;
  return {
    ...envelope,
    requestId: typeof envelope.requestId === 'string' ? envelope.requestId : '',
    success: envelope.success,
    result: Array.isArray(envelope.result) ? envelope.result : [],
  };
}
