import type { ReportsAccepted } from '@/lib/api-types'
import { AppError } from '@/lib/app-error'
import { readBodyWithin } from '@/server/api/read-body'
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
    if (!body.ok) {
      const reason = await runtime.ingest.keepOversizedBody(
        body.bytes,
        runtime.config.maxBodyBytes,
        body.preview,
        source,
      )
      throw new AppError('payload_too_large', reason)
    }

    const result: ReportsAccepted = await runtime.ingest.acceptBody(body.text, {
      source,
      contentType: request.headers.get('content-type'),
    })
    const status = result.accepted === 0 ? 422 : 202

    return respondJson(result, status)
  })
}
