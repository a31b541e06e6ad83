import type { VenueSnapshot } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/venue — the venue, band table and freshness rule the map draws with. */
export function GET() {
  return answer('GET /api/venue', async () => {
    const { venue, config } = getRuntime()
    const snapshot: VenueSnapshot = {
      venue,
      bandTable: config.bandTable,
      cellResolution: config.cellResolution,
      staleAfterMs: config.staleAfterMs,
    }

    return respondJson(snapshot)
  })
}
