/**
 * The one error type of Lingxi. `code` is a closed union so that every layer can map it
 * (HTTP status, WebSocket close code, CLI exit code) in exactly one place.
 */
export type LingxiErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable'
  | 'policy_violation'
  | 'tool_failed'
  | 'malformed_file'
  | 'internal';

export class LingxiError extends Error {
  readonly code: LingxiErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: LingxiErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LingxiError';
    this.code = code;
    this.details = options.details;
  }
}

export function isLingxiError(value: unknown): value is LingxiError {
  return value instanceof LingxiError;
}
