import type { AlertsSnapshot } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** Resolved alerts stay in the feed this long, so staff see what just ended. */
const RECENT_MS = 6 * 3_600_000
const MAX_ALERTS = 500

/**
 * GET /api/alerts[?stationId=…] — every unresolved alert, and the ones resolved recently,
 * newest first.
 */
export function GET(request: Request) {
  return answer('GET /api/alerts', async () => {
    const { liveStore } = getRuntime()
    const stationId = new URL(request.url).searchParams.get('stationId') ?? undefined
    const scope = stationId ? { stationId } : {}
    const [unresolved, recent] = await Promise.all([
      liveStore.listAlerts({ ...scope, unresolvedOnly: true, limit: MAX_ALERTS }),
      liveStore.listAlerts({ ...scope, changedSince: Date.now() - RECENT_MS, limit: MAX_ALERTS }),
    ])
    const byId = new Map([...recent, ...unresolved].map((alert) => [alert.alertId, alert]))
    const alerts = [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt)

    return respondJson({ alerts, serverTime: Date.now() } satisfies AlertsSnapshot)
  })
}
