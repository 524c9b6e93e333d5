import { LingxiError, isLingxiError } from '../../engine/errors.ts';

/** Why a business backend gave no usable answer. */
export type FailureReason = 'timeout' | 'network' | 'status' | 'auth' | 'malformed' | 'circuit_open' | 'busy';

/**
 * A backend failure (not a business refusal): code `unavailable`, which the conversation service turns into an honest
 * notice and a handoff to a person. `details.connector` tells it apart from other unavailable errors.
 */
export function connectorFailure(reason: FailureReason, message: string, details: Record<string, unknown> = {}, cause?: unknown): LingxiError {
  return new LingxiError('unavailable', message, { cause, details: { ...details, connector: true, reason } });
}

/** True for a failure made by {@link connectorFailure}. */
export function isConnectorFailure(error: unknown): error is LingxiError & { details: { reason: FailureReason } } {
  return isLingxiError(error) && error.code === 'unavailable' && error.details?.connector === true;
}

/** Failures worth another attempt of a read (the business may answer next time); never auth or malformed answers. */
export const retryable = (error: unknown): boolean =>
  isConnectorFailure(error) && (error.details.reason === 'timeout' || error.details.reason === 'network' || (error.details.reason === 'status' && error.details.retry === true));
