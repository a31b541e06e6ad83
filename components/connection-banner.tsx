import { CloudOff, Hourglass, RefreshCw, TriangleExclamationPoint } from 'lucide-react'

import { formatAge, formatVenueTime } from './format'
import type { Connection, SyncState } from './use-live-feed'

// A first connection usually takes well under a second; only a slow one deserves a banner.
const CONNECTING_GRACE_MS = 4_000

/**
 * The signs that what is on screen may be wrong: the live connection is lost, or no drone has
 * reported for longer than the freshness window. Both are large and high on the page, because
 * on the night a frozen map that looks live is the worst failure.
 */
export function ConnectionBanner({
  connection,
  sync,
  now,
  serverNow,
  newestReportTs,
  staleAfterMs,
  timeZone,
}: {
  connection: Connection
  sync: SyncState
  now: number
  serverNow: number
  newestReportTs: number | null
  staleAfterMs: number | null
  timeZone: string | null
}) {
  const lostFor = now - connection.since
  const showConnection =
    connection.status === 'reconnecting' ||
    (connection.status === 'connecting' && lostFor > CONNECTING_GRACE_MS)
  const reportAge = newestReportTs === null ? null : serverNow - newestReportTs
  const stale =
    staleAfterMs !== null && reportAge !== null && reportAge > staleAfterMs && !showConnection
  const syncedAt =
    sync.syncedAt !== null && timeZone ? formatVenueTime(sync.syncedAt, timeZone) : null

  return (
    <div className="space-y-1" aria-live="assertive">
      {showConnection ? (
        <div
          data-testid="connection-banner"
          data-status={connection.status}
          role="alert"
          className="flex flex-wrap items-center gap-x-4 gap-y-1 bg-danger px-3 py-2 text-black sm:px-4 sm:py-3"
        >
          <CloudOff size={28} aria-hidden className="hidden shrink-0 sm:block" />
          <strong className="banner-blink text-lg font-black tracking-wide uppercase sm:text-xl lg:text-2xl">
            {connection.status === 'reconnecting'
              ? 'Live connection lost'
              : 'Connecting to the live feed'}
          </strong>
          <span className="flex items-center gap-2 text-base font-semibold">
            <RefreshCw size={18} aria-hidden className="animate-spin" />
            reconnecting… for {formatAge(lostFor)}
          </span>
          <span className="text-sm font-semibold">
            What you see may be out of date
            {syncedAt ? `; last full refresh at ${syncedAt}` : ''}.
          </span>
        </div>
      ) : null}
      {stale && reportAge !== null && newestReportTs !== null ? (
        <div
          data-testid="stale-banner"
          role="alert"
          className="flex flex-wrap items-center gap-x-4 gap-y-1 bg-band-warning px-3 py-2 text-black sm:px-4 sm:py-3"
        >
          <Hourglass size={26} aria-hidden className="hidden shrink-0 sm:block" />
          <strong className="text-lg font-black tracking-wide uppercase sm:text-xl lg:text-2xl">
            No drone report for {formatAge(reportAge)}
          </strong>
          <span className="text-sm font-semibold">
            The map shows old data
            {timeZone ? `; last report at ${formatVenueTime(newestReportTs, timeZone)}` : ''}. Check
            the drones and the gateway.
          </span>
        </div>
      ) : null}
      {sync.error && !showConnection ? (
        <div
          data-testid="sync-banner"
          role="status"
          className="flex items-center gap-3 bg-band-busy px-4 py-2 text-sm font-semibold text-black"
        >
          <TriangleExclamationPoint size={18} aria-hidden />
          {sync.error} Retrying.
        </div>
      ) : null}
    </div>
  )
}
