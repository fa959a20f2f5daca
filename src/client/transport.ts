import type { AccessTokenSource } from './auth.js';
import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import {
  buildUrl,
  byteLength,
  encodeQuery,
  HttpFailure,
  MAX_GET_URL_BYTES,
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

/** One REST call as a client method describes it. */
export interface CallSpec {
  /** Client method name, reported in errors and logs. */
  operation: string;
  method: 'GET' | 'POST';
  /** Path from the origin, such as `/rest/v1/leads.json`. */
  path: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
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

type AttemptOutcome<T> =
  | { ok: true; response: RestResponse<T> }
  | { ok: false; error: MarketoError; policy: FailurePolicy };

/**
 * Sends REST calls with a bearer token, through the pacer, and turns the REST envelope into a
 * response or a MarketoError. It retries by the policy of each failure and renews the token once
 * on 601 or 602.
 */
export class RestTransport {
  constructor(private readonly settings: TransportSettings) {}

  async call<T>(spec: CallSpec): Promise<RestResponse<T>> {
    const request = this.prepare(spec);
    let tokenRenewed = false;
    let retries = 0;

    for (;;) {
      const token = await this.settings.tokens.getToken();
      const release = await this.settings.pacer.acquire();
      let outcome: AttemptOutcome<T>;
      try {
        outcome = await this.attempt<T>(spec, request, token);
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

    const request: HttpRequest = { method: 'POST', url, headers, timeoutMs };
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(spec.body);
    }
    return request;
  }

  private async attempt<T>(
    spec: CallSpec,
    request: HttpRequest,
    token: string,
  ): Promise<AttemptOutcome<T>> {
    const headers = { ...request.headers, Authorization: `Bearer ${token}` };
    let status: number;
    let text: string;
    try {
      ({ status, text } = await sendHttp({ ...request, headers }));
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

    const envelope = parseEnvelope<T>(text);
    if (envelope !== undefined && envelope.success) {
      if (status === 200) {
        this.settings.log.debug('Marketo call succeeded', {
          operation: spec.operation,
          method: request.method,
          path: spec.path,
          requestId: envelope.requestId,
        });
        return { ok: true, response: envelope };
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
