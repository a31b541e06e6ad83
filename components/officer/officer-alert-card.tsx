import { BadgeCheck, LoaderCircle, MapPin, Navigation } from 'lucide-react'

import type { Alert } from '@/lib/alert'
import type { Venue } from '@/lib/venue'

import { BandBadge } from '../band-badge'
import { BAND_STYLE } from '../band-style'
import { describeAlertSpot, nameAcknowledger, nameAlertPlace, toGeoHref } from '../describe-alert'
import { formatAge, formatDensity, formatPosition, formatVenueTime } from '../format'
import { NotifiedOfficers } from '../notified-officers'

export type AckState = { pending: boolean; error: string | null }

const STATUS_LABEL: Record<Alert['status'], string> = {
  open: 'Open: needs acknowledging',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
}

/**
 * One alert on an officer's phone: what, where (with a link that opens the maps app), how
 * dense, since when, and one large button to acknowledge it.
 */
export function OfficerAlertCard({
  alert,
  venue,
  officerId,
  serverNow,
  ack,
  onAcknowledge,
}: {
  alert: Alert
  venue: Venue | null
  officerId: string | null
  serverNow: number
  ack: AckState | undefined
  onAcknowledge: (alertId: string) => void
}) {
  const place = nameAlertPlace(alert, venue)
  const spot = describeAlertSpot(alert, venue)
  const tz = venue?.timeZone ?? 'UTC'
  const acknowledger = nameAcknowledger(alert)
  const byMe = alert.acknowledgement?.officerId === officerId && officerId !== null
  const resolved = alert.status === 'resolved'

  return (
    <li
      data-testid="alert-item"
      data-alert-id={alert.alertId}
      data-severity={alert.severity}
      data-status={alert.status}
      className={`overflow-hidden rounded-xl border-2 bg-surface-1 ${BAND_STYLE[alert.severity].border} ${resolved ? 'opacity-60' : ''}`}
    >
      <div className="space-y-3 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <BandBadge band={alert.severity} size="lg" muted={resolved} />
          <span className="text-sm font-bold tracking-wide text-ink-muted uppercase">
            {STATUS_LABEL[alert.status]}
          </span>
        </div>

        <div className="flex items-end justify-between gap-3">
          <div>
            <h3 className="text-2xl leading-tight font-extrabold">{place}</h3>
            {spot ? <p className="text-sm text-ink-muted">{spot}</p> : null}
          </div>
          <p className="shrink-0 text-right">
            <span className={`figure text-3xl font-black ${BAND_STYLE[alert.severity].text}`}>
              {formatDensity(alert.peakDensity)}
            </span>
            <span className="block text-xs text-ink-muted">p/m² peak</span>
          </p>
        </div>

        <p className="text-base">
          Raised at{' '}
          <time className="figure font-bold" dateTime={new Date(alert.raisedAt).toISOString()}>
            {formatVenueTime(alert.raisedAt, tz)}
          </time>
          {resolved ? null : (
            <span className="text-ink-muted"> ({formatAge(serverNow - alert.raisedAt)} ago)</span>
          )}
          {resolved && alert.resolvedAt !== null ? (
            <> · resolved at {formatVenueTime(alert.resolvedAt, tz)}</>
          ) : null}
        </p>

        {alert.doubtful ? (
          <p className="rounded border-2 border-dashed border-white px-2 py-1 text-sm font-semibold">
            Doubtful count: above the plausible maximum. Check on the spot.
          </p>
        ) : null}

        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <span className="inline-flex items-center gap-1 text-sm text-ink-muted">
            <MapPin size={16} aria-hidden />
            <span className="figure">{formatPosition(alert.lat, alert.lon)}</span>
          </span>
          <a
            href={toGeoHref(alert.lat, alert.lon, place)}
            className="inline-flex items-center gap-2 rounded-lg border border-accent px-3 py-2 font-semibold text-accent"
          >
            <Navigation size={18} aria-hidden />
            Open in maps
          </a>
        </div>

        {alert.acknowledgement && acknowledger ? (
          <p
            data-testid="alert-ack-info"
            className="flex items-center gap-2 rounded-lg bg-accent/15 px-3 py-2 text-lg font-bold text-accent"
          >
            <BadgeCheck size={22} aria-hidden />
            <span>
              Acknowledged by {byMe ? 'you' : acknowledger} at{' '}
              <time className="figure" dateTime={new Date(alert.acknowledgement.at).toISOString()}>
                {formatVenueTime(alert.acknowledgement.at, tz)}
              </time>
            </span>
          </p>
        ) : null}

        {ack?.error ? (
          <p role="alert" className="rounded-lg bg-danger px-3 py-2 font-semibold text-black">
            {ack.error}
          </p>
        ) : null}

        {alert.status === 'open' ? (
          <button
            type="button"
            data-testid="ack-button"
            disabled={!officerId || ack?.pending}
            onClick={() => onAcknowledge(alert.alertId)}
            className="flex h-16 w-full items-center justify-center gap-2 rounded-xl bg-band-normal text-xl font-black tracking-wide text-black uppercase shadow-lg active:translate-y-px disabled:cursor-not-allowed disabled:bg-surface-3 disabled:text-ink-faint"
          >
            {ack?.pending ? <LoaderCircle size={24} aria-hidden className="animate-spin" /> : null}
            {ack?.pending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        ) : null}
        {alert.status === 'open' && !officerId ? (
          <p className="text-sm text-band-busy">Choose your name above to acknowledge.</p>
        ) : null}

        <details className="text-sm">
          <summary className="cursor-pointer text-ink-muted">
            Officers told ({alert.notified.length})
            {alert.stationName ? ` · ${alert.stationName}` : ''}
          </summary>
          <div className="pt-2">
            <NotifiedOfficers officers={alert.notified} highlightOfficerId={officerId} />
          </div>
        </details>
      </div>
    </li>
  )
}
