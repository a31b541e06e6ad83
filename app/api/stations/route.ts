import type { StationsSnapshot } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/stations — the police stations alerts can be routed to. */
export function GET() {
  return answer('GET /api/stations', async () => {
    const stations = await getRuntime().directory.listStations()
    const summaries = stations.map(({ jurisdiction: _jurisdiction, ...station }) => station)

    return respondJson({ stations: summaries } satisfies StationsSnapshot)
  })
}
