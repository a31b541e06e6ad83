import type { Alert } from '@/lib/alert'
import { bandRank } from '@/lib/bands'

/** Whether an alert still needs people: open or acknowledged, not yet resolved. */
export function isAlertActive(alert: Alert): boolean {
  return alert.status !== 'resolved'
}

/**
 * Orders alerts as staff and officers read them: active before resolved; among active ones the
 * most severe first, then (for staff) the unacknowledged, then the newest; resolved ones newest
 * first. An officer's list keeps an alert in place once acknowledged, so that the confirmation
 * stays under the thumb that tapped it.
 */
export function sortAlerts(
  alerts: Iterable<Alert>,
  options: { unacknowledgedFirst: boolean } = { unacknowledgedFirst: true },
): Alert[] {
  return [...alerts].sort((a, b) => {
    const active = Number(isAlertActive(b)) - Number(isAlertActive(a))
    if (active !== 0) return active

    if (!isAlertActive(a)) return (b.resolvedAt ?? b.updatedAt) - (a.resolvedAt ?? a.updatedAt)

    const severity = bandRank(b.severity) - bandRank(a.severity)
    if (severity !== 0) return severity

    const open = Number(b.status === 'open') - Number(a.status === 'open')
    if (options.unacknowledgedFirst && open !== 0) return open

    if (b.raisedAt !== a.raisedAt) return b.raisedAt - a.raisedAt

    return a.alertId.localeCompare(b.alertId)
  })
}
