import { CLIENT_ERROR_CODES, MarketoError } from './errors.js';
import { encodeQuery, HttpFailure, sendHttp } from './http.js';
import type { RedactingLogger } from './log.js';
import { backoffDelayMs } from './retry.js';
import type { Clock } from './types.js';

/**
 * A token is renewed this long before the end of its `expires_in`, so that a call does not start
 * with a token that expires in flight. A token with less than twice this life left is used to its
 * end, because Marketo's identity service returns the same token until it expires.
 */
export const TOKEN_RENEWAL_MARGIN_MS = 60_000;

const TOKEN_TIMEOUT_MS = 30_000;
const OPERATION = 'getAccessToken';

export interface AccessTokenSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  timeoutMs: number | undefined;
  maxRetries: number;
  windowMs: number;
  log: RedactingLogger;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

/** Token and request in flight for one set of credentials, shared by every client that uses them. */
interface TokenState {
  cached: CachedToken | undefined;
  pending: Promise<string> | undefined;
}

// Marketo issues tokens per client id, so clients with the same credentials and clock share one
// token and one request in flight. The clock is part of the key so that tests on their own clocks
// stay apart.
const sharedStates = new WeakMap<Clock, Map<string, TokenState>>();

function sharedState(settings: AccessTokenSettings): TokenState {
  let byCredentials = sharedStates.get(settings.clock);
  if (byCredentials === undefined) {
    byCredentials = new Map();
    sharedStates.set(settings.clock, byCredentials);
  }
  const key = JSON.stringify([settings.tokenUrl, settings.clientId, settings.clientSecret]);
  let state = byCredentials.get(key);
  if (state === undefined) {
    state = { cached: undefined, pending: undefined };
    byCredentials.set(key, state);
  }
  return state;
}

/**
 * OAuth 2.0 client-credentials tokens from Marketo's identity service. Concurrent callers share
 * one token request, and the token is reused until shortly before `expires_in`, by every client
 * with the same client id, secret and identity URL.
 */
export class AccessTokenSource {
  private readonly state: TokenState;
  private requests = 0;

  constructor(private readonly settings: AccessTokenSettings) {
    settings.log.addSecret(settings.clientSecret);
    this.state = sharedState(settings);
  }

  /** Token requests sent so far, retries included. */
  get requestCount(): number {
    return this.requests;
  }

  /** Returns a valid token, requesting one when none is cached or the cached one is due. */
  getToken(): Promise<string> {
    const state = this.state;
    const cached = state.cached;
    if (cached !== undefined && this.settings.clock.now() < cached.renewAt) {
      if (cached.token) this.settings.log.addSecret(cached.token);
      return Promise.resolve(cached.token);
    }
    if (state.pending === undefined) {
      state.pending = this.requestToken().finally(() => {
        state.pending = undefined;
      });
    }
    return state.pending;
  }

  /**
   * Drops `token` after Marketo rejected it (601 or 602). A token fetched meanwhile by another
   * caller is kept.
   */
  invalidate(token: string): void {
    if (this.state.cached?.token === token) this.state.cached = undefined;
  }

  private async requestToken(): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.requestTokenOnce();
      } catch (error) {
        const retriable =
          error instanceof MarketoError &&
          (error.code === CLIENT_ERROR_CODES.timeout ||
            error.code === CLIENT_ERROR_CODES.network ||
            (error.httpStatus !== undefined && error.httpStatus >= 500));
        if (!retriable || attempt >= this.settings.maxRetries) {
          this.settings.log.error('Marketo access token request failed', errorFields(error));
          throw error;
        }
        const delayMs = backoffDelayMs('transient', attempt, this.settings.windowMs);
        this.settings.log.warn('Marketo access token request failed, retrying', {
          ...errorFields(error),
          attempt: attempt + 1,
          delayMs,
        });
        await this.settings.clock.sleep(delayMs);
      }
    }
  }

  private async requestTokenOnce(): Promise<string> {
    const { clientId, clientSecret, clock, tokenUrl } = this.settings;
    const path = new URL(tokenUrl).pathname;
    const query = encodeQuery({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    this.requests += 1;
    const requestedAt = clock.now();

    let status: number;
    let text: string;
    try {
      ({ status, text } = await sendHttp({
        method: 'GET',
        url: `${tokenUrl}?${query}`,
        headers: { Accept: 'application/json' },
        timeoutMs: this.settings.timeoutMs ?? TOKEN_TIMEOUT_MS,
      }));
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const code =
        error.kind === 'timeout' ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network;
      throw new MarketoError(`Marketo access token request failed: ${error.message}.`, {
        code,
        operation: OPERATION,
        path,
        soapCode: '20014',
      });
    }

    const body = parseJsonObject(text);
    if (status !== 200) {
      const oauthError = typeof body?.['error'] === 'string' ? body['error'] : undefined;
      const hint =
        status === 401 ? ' Check clientId and clientSecret of the LaunchPoint service.' : '';
      throw new MarketoError(
        `Marketo identity service rejected the token request with HTTP ${status}` +
          `${oauthError ? ` (${oauthError})` : ''}.${hint}`,
        {
          code: oauthError ?? `HTTP_${status}`,
          httpStatus: status,
          operation: OPERATION,
          path,
          soapCode: '20014',
        },
      );
    }

    const token = body?.['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new MarketoError('Marketo identity service returned no access_token.', {
        code: CLIENT_ERROR_CODES.invalidResponse,
        httpStatus: status,
        operation: OPERATION,
        path,
      });
    }
    this.settings.log.addSecret(token);

    const expiresIn = body?.['expires_in'];
    const lifeMs = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn * 1000 : 0;
    const margin = lifeMs > 2 * TOKEN_RENEWAL_MARGIN_MS ? TOKEN_RENEWAL_MARGIN_MS : 0;
    this.state.cached = { token, renewAt: requestedAt + lifeMs - margin };
    this.settings.log.info('Marketo access token received', { expiresInSeconds: expiresIn });
    return token;
  }
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof MarketoError) {
    return { code: error.code, httpStatus: error.httpStatus, message: error.message };
  }
  return { message: String(error) };
}
