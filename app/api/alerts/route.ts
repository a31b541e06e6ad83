import type { AlertsSnapshot } from '@/lib/api-types'
import { AppError } from '@/lib/app-error'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** Resolved alerts stay in the feed this long, so staff see what just ended. */
const RECENT_MS = 6 * 3_600_000
const MAX_ALERTS = 500

/**
 * GET /api/alerts[?stationId=…][&since=…] — every unresolved alert, and the ones that changed
 * recently (in the last 6 h, or since an epoch-ms time, e.g. for a replayed event), newest first.
 */
export function GET(request: Request) {
  return answer('GET /api/alerts', async () => {
    const { liveStore } = getRuntime()
    const query = new URL(request.url).searchParams
    const stationId = query.get('stationId') ?? undefined
    const scope = stationId ? { stationId } : {}
    const since = readSince(query.get('since'))
    const [unresolved, recent] = await Promise.all([
      liveStore.listAlerts({ ...scope, unresolvedOnly: true, limit: MAX_ALERTS }),
      liveStore.listAlerts({ ...scope, changedSince: since, limit: MAX_ALERTS }),
    ])
    const byId = new Map([...recent, ...unresolved].map((alert) => [alert.alertId, alert]))
    const alerts = [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt)

    return respondJson({ alerts, serverTime: Date.now() } satisfies AlertsSnapshot)
  })
}

function readSince(text: string | null): number {
  if (text === null) return Date.now() - RECENT_MS
  const since = Number(text)
  if (!Number.isFinite(since)) {
    throw new AppError('bad_request', `since must be epoch milliseconds, got ${text.slice(0, 40)}`)
  }

  return since
}
