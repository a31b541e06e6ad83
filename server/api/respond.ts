import type { ApiErrorBody } from '@/lib/api-types'
import { isAppError, statusOf } from '@/lib/app-error'

import { getRuntime } from '../runtime-handle'

/** A JSON response that no cache keeps: every body here is live data. */
export function respondJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}

/**
 * Runs a route handler and turns its failures into the one error shape of the API: an
 * AppError keeps its code and message; anything else is logged and answered with a generic 500
 * that shows no internal text.
 */
export async function answer(route: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler()
  } catch (error) {
    if (isAppError(error)) {
      return respondJson(
        { error: { code: error.code, message: error.message } } satisfies ApiErrorBody,
        statusOf(error),
      )
    }

    logFailure(route, error)
    const body: ApiErrorBody = {
      error: { code: 'internal', message: 'the server failed to answer; see its log' },
    }

    return respondJson(body, 500)
  }
}

function logFailure(route: string, error: unknown) {
  try {
    getRuntime().logger.error({ err: error, route }, 'API request failed')
  } catch {
    process.stderr.write(`API request to ${route} failed: ${String(error)}\n`)
  }
}
