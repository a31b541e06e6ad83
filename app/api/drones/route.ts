import type { DronesSnapshot } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/drones — the latest position and health of every drone. */
export function GET() {
  return answer('GET /api/drones', async () => {
    const drones = await getRuntime().liveStore.listDrones()

    return respondJson({ drones, serverTime: Date.now() } satisfies DronesSnapshot)
  })
}
