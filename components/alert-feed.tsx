import type { Alert } from '@/lib/alert'
import type { Venue } from '@/lib/venue'

import { AlertFeedItem } from './alert-feed-item'
import { nameAlertPlace } from './describe-alert'
import { formatZoneName } from './format'
import { BAND_STYLE } from './band-style'
import { isAlertActive } from './sort-alerts'

// Long enough to be seen from across the room, short enough not to hide the next one.
const NEW_FOR_MS = 20_000

/**
 * The alerts, most urgent first: open and acknowledged ones by severity, then the recently
 * resolved. A new or worsened alert is marked NEW for a while and announced to screen readers.
 */
export function AlertFeed({
  alerts,
  noticedAt,
  venue,
  now,
  selectedAlertId,
  onSelect,
}: {
  alerts: Alert[]
  noticedAt: ReadonlyMap<string, number>
  venue: Venue
  now: number
  selectedAlertId: string | null
  onSelect: (alertId: string) => void
}) {
  const active = alerts.filter(isAlertActive).length
  const newest = alerts
    .filter((alert) => now - (noticedAt.get(alert.alertId) ?? -Infinity) < NEW_FOR_MS)
    .sort((a, b) => (noticedAt.get(b.alertId) ?? 0) - (noticedAt.get(a.alertId) ?? 0))[0]

  return (
    <section data-testid="alert-feed" aria-labelledby="alert-feed-title" className="flex flex-col">
      <header className="sticky top-0 z-10 flex items-baseline justify-between gap-2 border-b border-line bg-surface-0/95 px-1 py-2 backdrop-blur">
        <h2 id="alert-feed-title" className="text-lg font-black tracking-widest uppercase">
          Alerts <span className="figure text-ink-muted">({active} active)</span>
        </h2>
        <p className="text-xs text-ink-muted">
          Times in {venue.timeZone} ({formatZoneName(now, venue.timeZone)})
        </p>
      </header>
      <p className="sr-only" aria-live="polite">
        {newest
          ? `New ${BAND_STYLE[newest.severity].label} alert at ${nameAlertPlace(newest, venue)}`
          : ''}
      </p>
      {alerts.length === 0 ? (
        <p className="px-1 py-6 text-center text-ink-muted">
          No alerts. Alerts appear here the moment a zone stays above its band.
        </p>
      ) : (
        <ol className="space-y-2 py-2" aria-label="Alerts, most urgent first">
          {alerts.map((alert) => (
            <AlertFeedItem
              key={alert.alertId}
              alert={alert}
              venue={venue}
              isNew={now - (noticedAt.get(alert.alertId) ?? -Infinity) < NEW_FOR_MS}
              selected={alert.alertId === selectedAlertId}
              onSelect={onSelect}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
