import { formatDay, formatHourMinute, formatZoneName } from '../format'

const HOUR_MS = 3_600_000

/**
 * One hour of the lake on the venue's clock, which analysts think in, and in UTC, which the
 * lake's folders are named by.
 */
export function HourSpan({
  hour,
  timeZone,
  withDay = false,
  className = 'flex flex-col',
}: {
  hour: number
  timeZone: string
  withDay?: boolean
  /** The two clocks stack by default; a table row can lay them out as its own cells. */
  className?: string
}) {
  const end = hour + HOUR_MS

  return (
    <span className={`min-w-0 leading-tight ${className}`}>
      <span>
        {withDay ? <span className="mr-1.5 font-semibold">{formatDay(hour, timeZone)}</span> : null}
        <span className="figure font-bold">
          {formatHourMinute(hour, timeZone)}–{formatHourMinute(end, timeZone)}
        </span>
        <span className="ml-1 text-xs text-ink-muted">{formatZoneName(hour, timeZone)}</span>
      </span>
      <span className="figure text-xs text-ink-muted">
        {withDay ? `${new Date(hour).toISOString().slice(0, 10)} ` : null}
        {formatHourMinute(hour, 'UTC')}–{formatHourMinute(end, 'UTC')} UTC
      </span>
    </span>
  )
}
