import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/rejected[?limit=…] — the newest refused reports with their reasons, and the total. */
export function GET(request: Request) {
  return answer('GET /api/rejected', async () => {
    const { history } = getRuntime()
    const asked = Number(new URL(request.url).searchParams.get('limit') ?? 100)
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : 100
    const [rejected, total] = await Promise.all([
      history.listRejected(limit),
      history.countRejected(),
    ])

    return respondJson({ rejected, total })
  })
}
