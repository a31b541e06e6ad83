import { BadgeCheck, Building, Crosshair } from 'lucide-react'

import type { Alert } from '@/lib/alert'
import type { Venue } from '@/lib/venue'

import { BandBadge } from './band-badge'
import { BAND_STYLE } from './band-style'
import { describeAlertSpot, nameAcknowledger, nameAlertPlace } from './describe-alert'
import { formatDensity, formatVenueTime } from './format'
import { NotifiedOfficers } from './notified-officers'

const STATUS_STYLE: Record<Alert['status'], { label: string; className: string }> = {
  open: { label: 'Open', className: 'bg-danger text-black' },
  acknowledged: { label: 'Acknowledged', className: 'bg-accent text-black' },
  resolved: { label: 'Resolved', className: 'bg-surface-3 text-ink-muted' },
}

/** One alert in the command center's feed, with everything staff need to follow it up. */
export function AlertFeedItem({
  alert,
  venue,
  isNew,
  selected,
  onSelect,
}: {
  alert: Alert
  venue: Venue
  isNew: boolean
  selected: boolean
  onSelect: (alertId: string) => void
}) {
  const place = nameAlertPlace(alert, venue)
  const spot = describeAlertSpot(alert, venue)
  const status = STATUS_STYLE[alert.status]
  const acknowledger = nameAcknowledger(alert)
  const resolved = alert.status === 'resolved'
  const tz = venue.timeZone

  return (
    <li
      data-testid="alert-item"
      data-alert-id={alert.alertId}
      data-severity={alert.severity}
      data-status={alert.status}
      aria-current={selected ? 'true' : undefined}
      className={`relative rounded-lg border-l-8 bg-surface-1 ${BAND_STYLE[alert.severity].border} ${
        selected ? 'ring-2 ring-accent' : ''
      } ${resolved ? 'opacity-60' : ''} ${isNew ? 'alert-arrival' : ''}`}
    >
      <button
        type="button"
        onClick={() => onSelect(alert.alertId)}
        className="flex w-full flex-col gap-2 rounded-r-lg px-3 pt-3 pb-2 text-left hover:bg-surface-2"
        aria-label={`${BAND_STYLE[alert.severity].label} alert at ${place}, ${status.label}: show on the map`}
      >
        <span className="flex w-full items-center gap-2">
          <BandBadge band={alert.severity} size="md" muted={resolved} />
          <span
            className={`rounded px-2 py-0.5 text-xs font-bold tracking-wide uppercase ${status.className}`}
          >
            {status.label}
          </span>
          {isNew ? (
            <span className="rounded bg-accent px-1.5 py-0.5 text-xs font-black text-black">
              NEW
            </span>
          ) : null}
          <span className="ml-auto text-right">
            <span className="block text-xs text-ink-faint">Raised</span>
            <time
              className="figure text-lg font-bold"
              dateTime={new Date(alert.raisedAt).toISOString()}
            >
              {formatVenueTime(alert.raisedAt, tz)}
            </time>
          </span>
        </span>
        <span className="flex items-baseline justify-between gap-3">
          <span className="min-w-0">
            <span className="line-clamp-2 text-xl leading-tight font-bold">{place}</span>
            {spot ? (
              <span data-testid="alert-spot" className="block text-sm text-ink-muted">
                {spot}
              </span>
            ) : null}
          </span>
          <span className="shrink-0 text-right">
            <span className={`figure text-2xl font-extrabold ${BAND_STYLE[alert.severity].text}`}>
              {formatDensity(alert.peakDensity)}
            </span>
            <span className="ml-1 text-sm text-ink-muted">p/m² peak</span>
          </span>
        </span>
        {alert.doubtful ? (
          <span className="rounded border-2 border-dashed border-white px-2 py-0.5 text-sm font-semibold">
            Doubtful count: above the plausible maximum; check before acting
          </span>
        ) : null}
        <span className="flex items-center gap-1 text-sm text-ink-muted">
          <Crosshair size={14} aria-hidden />
          Show on map
          {resolved && alert.resolvedAt !== null
            ? ` · resolved ${formatVenueTime(alert.resolvedAt, tz)}`
            : null}
        </span>
      </button>

      <div className="space-y-2 border-t border-line px-3 pt-2 pb-3">
        <p className="flex items-center gap-2 text-sm">
          <Building size={14} aria-hidden className="text-ink-muted" />
          {alert.stationName ? (
            <span>
              <span className="font-semibold">{alert.stationName}</span>
              <span className="text-ink-muted">
                {alert.routedBy === 'nearest' ? ' (nearest station)' : ' (jurisdiction)'}
              </span>
            </span>
          ) : (
            <span className="font-semibold text-band-busy">No station routed</span>
          )}
        </p>
        <NotifiedOfficers officers={alert.notified} />
        {alert.acknowledgement && acknowledger ? (
          <p
            data-testid="alert-ack-info"
            className="flex items-center gap-2 rounded bg-accent/15 px-2 py-1.5 text-base font-semibold text-accent"
          >
            <BadgeCheck size={18} aria-hidden />
            <span>
              Acknowledged by {acknowledger} at{' '}
              <time className="figure" dateTime={new Date(alert.acknowledgement.at).toISOString()}>
                {formatVenueTime(alert.acknowledgement.at, tz)}
              </time>
            </span>
          </p>
        ) : alert.status === 'open' ? (
          <p className="text-sm font-semibold text-band-busy">Not acknowledged yet</p>
        ) : resolved ? (
          <p className="text-sm font-semibold text-band-busy">Resolved without acknowledgement</p>
        ) : null}
      </div>
    </li>
  )
}
