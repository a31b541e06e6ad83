import { Database } from 'lucide-react'

import type { ArchivedHour } from '@/lib/archive-types'
import { formatBytes } from '@/lib/format-bytes'

import { formatCount, formatZoneName } from '../format'
import { groupLakeDays, type LakeDay } from './group-lake-days'
import { HourSpan } from './hour-span'

// Venue time, UTC, rows, size, parts, path: one grid for the column titles and every row.
const COLUMNS =
  'sm:grid sm:grid-cols-[10rem_6.5rem_5.5rem_5rem_3.5rem_minmax(0,1fr)] sm:items-center sm:gap-x-3'

function LakeHourRow({ hour, timeZone }: { hour: ArchivedHour; timeZone: string }) {
  const partsText = hour.parts.length === 1 ? 'part' : 'parts'

  return (
    <li
      data-testid="archived-hour"
      data-hour={hour.hour}
      data-rows={hour.rows}
      className={`flex flex-col gap-1 px-3 py-2 sm:py-1.5 ${COLUMNS}`}
    >
      <HourSpan hour={hour.hour} timeZone={timeZone} className="flex flex-col sm:contents" />
      <span className="flex flex-wrap gap-x-3 text-sm sm:contents">
        <span className="sm:text-right">
          <span className="figure font-semibold">{formatCount(hour.rows)}</span>
          <span className="text-ink-muted sm:sr-only"> rows</span>
        </span>
        <span className="figure sm:text-right">
          {formatBytes(hour.bytes)}
          <span className="sr-only"> on disk</span>
        </span>
        <span className="sm:text-right" title={hour.parts.join('\n')}>
          <span className="figure">{hour.parts.length}</span>
          <span className="text-ink-muted sm:sr-only"> {partsText}</span>
        </span>
      </span>
      <code className="font-mono text-xs break-all text-ink-muted">{hour.path}/</code>
    </li>
  )
}

function LakeDaySection({ day, timeZone }: { day: LakeDay; timeZone: string }) {
  const headingId = `lake-day-${day.key}`
  const zone = formatZoneName(day.hours[0]?.hour ?? 0, timeZone)

  return (
    <section
      aria-labelledby={headingId}
      className="overflow-hidden rounded-lg border border-line bg-surface-1"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-line bg-surface-2 px-3 py-2">
        <h3 id={headingId} className="font-bold">
          {day.label}
          <span className="ml-2 text-xs font-normal text-ink-muted">venue date, {zone}</span>
        </h3>
        <p className="text-xs text-ink-muted">
          <span className="font-mono">{day.utcDates.map((date) => `date=${date}`).join(', ')}</span>{' '}
          · {day.hours.length} {day.hours.length === 1 ? 'hour' : 'hours'} ·{' '}
          <span className="figure">{formatCount(day.rows)}</span> rows · {formatBytes(day.bytes)}
        </p>
      </header>
      <div
        aria-hidden
        className={`hidden border-b border-line px-3 py-1 text-xs font-bold tracking-wide text-ink-faint uppercase ${COLUMNS}`}
      >
        <span>Venue time</span>
        <span>UTC</span>
        <span className="text-right">Rows</span>
        <span className="text-right">Size</span>
        <span className="text-right">Parts</span>
        <span>Lake path</span>
      </div>
      <ol className="divide-y divide-line">
        {day.hours.map((hour) => (
          <LakeHourRow key={hour.hour} hour={hour} timeZone={timeZone} />
        ))}
      </ol>
    </section>
  )
}

/** Every hour the lake holds, by the venue's calendar day, with its rows, size, parts and path. */
export function LakeHours({ hours, timeZone }: { hours: ArchivedHour[] | null; timeZone: string }) {
  if (!hours) return <p className="p-4 text-ink-muted">Reading the lake…</p>

  if (hours.length === 0) {
    return (
      <div className="flex items-center gap-3 rounded-lg border border-dashed border-line p-6 text-ink-muted">
        <Database size={24} aria-hidden />
        <p>The lake holds no hour yet: nothing has been archived.</p>
      </div>
    )
  }

  return (
    <div className="space-y-3">
      {groupLakeDays(hours, timeZone).map((day) => (
        <LakeDaySection key={day.key} day={day} timeZone={timeZone} />
      ))}
    </div>
  )
}
