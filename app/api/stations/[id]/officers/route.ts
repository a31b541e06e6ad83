import type { OfficersSnapshot } from '@/lib/api-types'
import { AppError } from '@/lib/app-error'
import { findOfficersOnDuty } from '@/lib/routing'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/stations/:id/officers — a station's officers and which of them are on duty now. */
export function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return answer('GET /api/stations/:id/officers', async () => {
    const { id } = await context.params
    const { directory, venue } = getRuntime()
    const stations = await directory.listStations()
    if (!stations.some((station) => station.stationId === id)) {
      throw new AppError('not_found', `no station ${id}`)
    }

    const officers = await directory.listOfficers(id)
    const onDuty = findOfficersOnDuty(officers, id, Date.now(), venue.timeZone)

    return respondJson({
      officers,
      onDuty: onDuty.map((officer) => officer.officerId),
    } satisfies OfficersSnapshot)
  })
}
