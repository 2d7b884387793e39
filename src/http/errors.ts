import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type AppErrorCode, type FieldErrors } from '../lib/app-error.js';

/** The one place where an error code becomes an HTTP status. */
export const httpStatusByCode: Record<AppErrorCode, number> = {
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  rate_limited: 429,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  insufficient_balance: 409,
  insufficient_credits: 409,
  setup_required: 409,
  setup_already_done: 409,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; fields?: FieldErrors };
}

function fieldsOfValidation(error: FastifyError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.validation ?? []) {
    const path =
      issue.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      ((issue.params as { missingProperty?: string } | undefined)?.missingProperty ?? 'input');
    fields[path] ??= issue.message ?? 'is invalid';
  }
  return fields;
}

/** Turns anything thrown into an AppError; unknown errors become `internal` without leaking details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return new AppError('validation_failed', 'Some fields need attention.', {
      fields: fieldsOfValidation(fastifyError),
    });
  }
  if (fastifyError.code?.startsWith('FST_CSRF')) {
    return new AppError('csrf_invalid', 'This form has expired. Reload the page and try again.');
  }
  if (fastifyError.statusCode === 429)
    return new AppError('rate_limited', 'Too many requests. Slow down and try again shortly.');
  if (fastifyError.statusCode === 404) return new AppError('not_found', 'Not found.');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('validation_failed', fastifyError.message);
  }
  return new AppError('internal', 'Something went wrong on our side. It has been logged.', {
    logMessage: fastifyError.message,
  });
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.userMessage,
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
}

/** True when the client is a browser asking for a page rather than an API client. */
export function wantsHtml(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

export type ErrorPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status: number,
) => string;
