/**
 * Expected failures (bad input, unknown id, not permitted, blocked URL) are UserErrors: they carry a stable code and a
 * message written for the person who asked. Anything else thrown is a bug and is logged as one.
 */
export type UserErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'forbidden'
  | 'blocked_url'
  | 'fetch_failed'
  | 'not_a_feed'
  | 'conflict'
  | 'unavailable';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** A failure in words for a log line or a status: a UserError's own message, else marked as unexpected. */
export function describeFailure(err: unknown): string {
  if (isUserError(err)) return err.message;
  return `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
}
