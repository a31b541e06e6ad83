import { Siren, Gauge, Drone, Users } from 'lucide-react'
import type { ReactNode } from 'react'

import type { Venue } from '@/lib/venue'

import { BandBadge } from './band-badge'
import { BAND_STYLE } from './band-style'
import { formatCount, formatDensity } from './format'
import type { FeedSummary } from './summarize-feed'

function Figure({
  testId,
  label,
  icon,
  value,
  rawValue,
  detail,
  tone = '',
  children,
}: {
  testId: string
  label: string
  icon: ReactNode
  value: string
  rawValue: number | null
  detail: ReactNode
  tone?: string
  children?: ReactNode
}) {
  return (
    <div
      data-testid={testId}
      data-value={rawValue ?? ''}
      className="flex min-w-0 flex-col justify-between gap-1 rounded-lg border border-line bg-surface-1 px-3 py-2 sm:px-4 sm:py-3"
    >
      <dt className="flex items-center gap-2 text-xs font-bold tracking-wide text-ink-muted uppercase sm:tracking-widest lg:text-sm">
        {icon}
        {label}
      </dt>
      <dd className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span
          className={`figure text-3xl leading-none font-extrabold sm:text-4xl xl:text-5xl ${tone}`}
        >
          {value}
        </span>
        {children}
      </dd>
      <dd className="line-clamp-2 text-xs text-ink-muted lg:text-sm">{detail}</dd>
    </div>
  )
}

/**
 * The four figures staff read first from across the room: people observed, the highest
 * density, drones in the air and alerts still open.
 */
export function KeyFigures({
  summary,
  venue,
  staleAfterMs,
}: {
  summary: FeedSummary
  venue: Venue
  staleAfterMs: number
}) {
  const peak = summary.peak
  const peakSector = peak ? venue.sectors.find((sector) => sector.id === peak.sectorId) : undefined
  const windowText = `last ${Math.round(staleAfterMs / 1000)} s`

  return (
    <dl
      data-testid="key-figures"
      aria-label="Key figures"
      className="grid grid-cols-2 gap-2 lg:grid-cols-4 lg:gap-3"
    >
      <Figure
        testId="figure-people"
        label="People observed"
        icon={<Users size={16} aria-hidden />}
        value={formatCount(summary.people)}
        rawValue={summary.people}
        detail={`in ${formatCount(summary.freshCells)} cells seen in the ${windowText}`}
      />
      <Figure
        testId="figure-peak-density"
        label="Highest density"
        icon={<Gauge size={16} aria-hidden />}
        value={peak ? formatDensity(peak.density) : '—'}
        rawValue={peak ? Math.round(peak.density * 100) / 100 : null}
        tone={peak ? BAND_STYLE[peak.band].text : 'text-ink-faint'}
        detail={
          peak
            ? `p/m² · ${peakSector?.name ?? 'outside the sectors'}${peak.doubtful ? ' · doubtful count' : ''}`
            : 'no fresh reading'
        }
      >
        {peak ? (
          <span data-band={peak.band} className="contents">
            <BandBadge band={peak.band} size="sm" />
          </span>
        ) : null}
      </Figure>
      <Figure
        testId="figure-drones-up"
        label="Drones up"
        icon={<Drone size={16} aria-hidden />}
        value={`${summary.dronesUp}`}
        rawValue={summary.dronesUp}
        tone={summary.dronesUp === 0 && summary.allDrones > 0 ? 'text-danger' : ''}
        detail={
          <>
            of {summary.allDrones} known, reported in the {windowText}
            {summary.dronesLow > 0 ? (
              <span className="ml-1 font-bold text-[var(--drone-low)]">
                · {summary.dronesLow} low battery
              </span>
            ) : null}
          </>
        }
      />
      <Figure
        testId="figure-open-alerts"
        label="Open alerts"
        icon={<Siren size={16} aria-hidden />}
        value={`${summary.activeAlerts}`}
        rawValue={summary.activeAlerts}
        tone={
          summary.criticalAlerts > 0
            ? 'text-band-critical'
            : summary.activeAlerts > 0
              ? 'text-band-high'
              : ''
        }
        detail={
          summary.activeAlerts === 0
            ? 'none open'
            : `${summary.unacknowledged} not acknowledged · ${summary.criticalAlerts} critical`
        }
      />
    </dl>
  )
}
