import { Activity } from 'lucide-react'
import type { ReactNode } from 'react'

import { formatVenueTime, formatZoneName } from './format'
import type { Connection } from './use-live-feed'

const PILL: Record<Connection['status'], { label: string; className: string }> = {
  live: { label: 'Live', className: 'bg-band-normal text-black' },
  connecting: { label: 'Connecting', className: 'bg-band-busy text-black' },
  reconnecting: { label: 'Offline', className: 'bg-danger text-black banner-blink' },
}

/**
 * The top bar: product, page, venue, the venue's clock and whether the feed is live, with room
 * for a page's own links and signs before the clock.
 */
export function StatusHeader({
  title,
  venueName,
  timeZone,
  now,
  connection,
  children,
}: {
  title: string
  venueName: string | null
  timeZone: string | null
  now: number
  connection: Connection | null
  children?: ReactNode
}) {
  const pill = connection ? PILL[connection.status] : null

  return (
    <header className="flex items-center gap-x-3 border-b border-line bg-surface-1 px-3 py-2 lg:gap-x-4 lg:px-4">
      <p className="flex shrink-0 items-center gap-2 font-black tracking-[0.2em] uppercase lg:text-lg">
        <Activity size={20} aria-hidden className="text-accent" />
        <span className="sr-only sm:not-sr-only">Crowdwatch</span>
      </p>
      <h1 className="min-w-0 flex-1 truncate text-sm font-semibold text-ink-muted sm:text-base lg:text-lg">
        {title}
        {venueName ? <span className="text-ink"> · {venueName}</span> : null}
      </h1>
      <div className="flex shrink-0 items-center gap-2 lg:gap-3">
        {children}
        {timeZone ? (
          <p className="text-right leading-tight" aria-label={`Venue time, ${timeZone}`}>
            <span className="figure text-lg font-bold sm:text-xl lg:text-2xl">
              {formatVenueTime(now, timeZone)}
            </span>
            <span className="ml-1 text-xs text-ink-muted">{formatZoneName(now, timeZone)}</span>
          </p>
        ) : null}
        {pill ? (
          <span
            data-testid="connection-status"
            data-status={connection?.status}
            className={`rounded-full px-2.5 py-1 text-xs font-black tracking-wide uppercase sm:px-3 sm:text-sm ${pill.className}`}
          >
            {pill.label}
          </span>
        ) : null}
      </div>
    </header>
  )
}
