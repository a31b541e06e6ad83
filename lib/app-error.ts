/** The closed set of error codes clients can see, with the HTTP status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** An error whose code and message are safe to show to a client. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

/**
 * Whether a value is an AppError. Route handlers are bundled by Next apart from the server
 * code, so each side has its own copy of the class and `instanceof` fails across them; the
 * name and a known code identify one from either side.
 */
export function isAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false
  const code = (error as { code?: unknown }).code

  return typeof code === 'string' && code in ERROR_STATUS
}

/** The HTTP status of an AppError from either side of the bundle boundary. */
export function statusOf(error: AppError): number {
  return ERROR_STATUS[error.code]
}
