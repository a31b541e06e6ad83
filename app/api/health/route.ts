import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/health — every component and consumer group; 503 when any part is down. */
export function GET() {
  return answer('GET /api/health', async () => {
    const health = await getRuntime().readHealth()

    return respondJson(health, health.status === 'down' ? 503 : 200)
  })
}
