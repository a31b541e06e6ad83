import type { ApiErrorBody, ReportsAccepted } from '@/lib/api-types'
import { formatBytes } from '@/lib/format-bytes'
import { readBodyWithin, type BodyRead } from '@/server/api/read-body'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/**
 * POST /api/reports — one report, a JSON array, or NDJSON. Answers 202 once the accepted ones
 * are durable on the bus, with the index and reason of each refused one; 422 when none is
 * accepted (sending it again will not help).
 */
export function POST(request: Request) {
  return answer('POST /api/reports', async () => {
    const runtime = getRuntime()
    const source = request.headers.get('x-report-source')?.slice(0, 32) || 'api'
    const body = await readBodyWithin(request, runtime.config.maxBodyBytes)
    if (!body.ok) return refuseBody(body, runtime.config.maxBodyBytes, source)

    const result: ReportsAccepted = await runtime.ingest.acceptBody(body.text, {
      source,
      contentType: request.headers.get('content-type'),
    })
    const status = result.accepted === 0 ? 422 : 202

    return respondJson(result, status)
  })
}

/**
 * Keeps and refuses a body that could not be read. A body cut off unread leaves bytes on the
 * connection, so the connection is closed rather than reused for the client's next request.
 */
async function refuseBody(
  body: Extract<BodyRead, { ok: false }>,
  limitBytes: number,
  source: string,
) {
  const reason =
    body.problem === 'too-large'
      ? `body is ${formatBytes(body.bytes)}, above the ${formatBytes(limitBytes)} limit: send fewer reports per request`
      : 'body is not UTF-8 text: send JSON or NDJSON encoded as UTF-8'
  await getRuntime().ingest.keepUnreadableBody(reason, body.bytes, body.preview, source)
  const code = body.problem === 'too-large' ? 'payload_too_large' : 'bad_request'
  const error: ApiErrorBody = { error: { code, message: reason } }

  return Response.json(error, {
    status: body.problem === 'too-large' ? 413 : 400,
    headers: { 'cache-control': 'no-store', connection: 'close' },
  })
}
