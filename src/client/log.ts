import type { MarketoLogger } from './types.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

const REDACTED = '[redacted]';
const MAX_FIELD_DEPTH = 4;

/**
 * Wraps the user's logger and replaces every known secret (the client secret and each access
 * token the client has held) in messages and string fields. The client never passes secrets to
 * its logger on purpose, so this is a second line of defence.
 */
export class RedactingLogger {
  private readonly secrets = new Set<string>();

  constructor(private readonly target: MarketoLogger | undefined) {}

  /** Adds a value that must never reach the logger. */
  addSecret(secret: string): void {
    if (secret.length > 0) this.secrets.add(secret);
  }

  /** Replaces every known secret in `text`. Also used for error messages. */
  redact(text: string): string {
    let output = text;
    for (const secret of this.secrets) {
      output = output.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) output = output.split(encoded).join(REDACTED);
    }
    return output;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: Level, message: string, fields?: Record<string, unknown>): void {
    const method = this.target?.[level];
    if (method === undefined) return;
    const safeFields = fields === undefined ? undefined : this.redactRecord(fields, 0);
    try {
      method.call(this.target, this.redact(message), safeFields);
    } catch {
      // A failing logger must not fail the Marketo call that is being logged.
    }
  }

  private redactRecord(record: Record<string, unknown>, depth: number): Record<string, unknown> {
    const output: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      output[key] = this.redactValue(value, depth + 1);
    }
    return output;
  }

  private redactValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (depth > MAX_FIELD_DEPTH || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    if (value instanceof Error) return this.redact(String(value));
    return this.redactRecord(value as Record<string, unknown>, depth);
  }
}
