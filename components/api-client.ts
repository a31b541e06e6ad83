import type { ApiErrorBody } from '@/lib/api-types'

/** A failed API call: the HTTP status (0 when the server was not reached) and its safe message. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error = (body as { error: unknown }).error

  return typeof error === 'object' && error !== null && 'message' in error
}

/**
 * Calls the Crowdwatch API and returns its JSON body, or throws an ApiCallError. `answerStatuses`
 * are failing statuses whose body is still the answer, as the 503 of a health report.
 */
export async function callApi<T>(
  path: string,
  init?: RequestInit,
  answerStatuses: readonly number[] = [],
): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      cache: 'no-store',
      ...init,
      headers: { accept: 'application/json', ...init?.headers },
    })
  } catch {
    throw new ApiCallError(0, 'network', 'The server could not be reached.')
  }

  const body: unknown = await response.json().catch(() => null)
  if (response.ok || answerStatuses.includes(response.status)) return body as T

  if (isApiErrorBody(body)) {
    throw new ApiCallError(response.status, body.error.code, body.error.message)
  }

  throw new ApiCallError(response.status, 'http', `The server answered ${response.status}.`)
}
