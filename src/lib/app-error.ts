/** Stable error codes; http/errors.ts maps each to exactly one HTTP status. */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'rate_limited'
  | 'forbidden'
  | 'csrf_invalid'
  | 'not_found'
  | 'conflict'
  | 'insufficient_balance'
  | 'insufficient_credits'
  | 'setup_required'
  | 'setup_already_done'
  | 'unavailable'
  | 'internal';

export type FieldErrors = Record<string, string>;

/**
 * An expected failure. `message` is for logs; `userMessage` is safe to show a person;
 * `fields` names each bad input and why.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fields: FieldErrors | undefined;

  constructor(
    code: AppErrorCode,
    userMessage: string,
    options: { fields?: FieldErrors; logMessage?: string } = {},
  ) {
    super(options.logMessage ?? userMessage);
    this.code = code;
    this.userMessage = userMessage;
    this.fields = options.fields;
  }
}

/** Shorthand for the common "these inputs are wrong" error. */
export function validationError(fields: FieldErrors, userMessage = 'Some fields need attention.'): AppError {
  return new AppError('validation_failed', userMessage, { fields });
}
