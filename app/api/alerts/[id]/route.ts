import type { AlertDetail } from '@/lib/api-types'
import { AppError } from '@/lib/app-error'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/alerts/:id — one alert and its audit trail, oldest step first. */
export function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return answer('GET /api/alerts/:id', async () => {
    const { id } = await context.params
    const { liveStore, history } = getRuntime()
    const alert = await liveStore.getAlert(id)
    if (!alert) throw new AppError('not_found', `no alert ${id}`)

    const steps = await history.readAlertSteps(id)

    return respondJson({ alert, steps } satisfies AlertDetail)
  })
}
