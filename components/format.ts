/**
 * Display formats shared by the command center and the officer page. Times are always shown in
 * the venue's time zone, never the viewer's: a phone set to another zone must read the same
 * clock as the wall screen and the radio.
 */

const clockFormats = new Map<string, Intl.DateTimeFormat>()

function clockFormat(timeZone: string): Intl.DateTimeFormat {
  const known = clockFormats.get(timeZone)
  if (known) return known

  const created = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
  clockFormats.set(timeZone, created)

  return created
}

/** A moment as HH:MM:SS on the venue's clock. */
export function formatVenueTime(at: number, timeZone: string): string {
  return clockFormat(timeZone).format(at)
}

const hourFormats = new Map<string, Intl.DateTimeFormat>()

/** A moment as HH:MM on a given clock: the venue's, or 'UTC' for the lake's partitions. */
export function formatHourMinute(at: number, timeZone: string): string {
  let format = hourFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    hourFormats.set(timeZone, format)
  }

  return format.format(at)
}

/** The calendar day of a moment on a given clock, e.g. Tue 14 Jul 2026. */
export function formatDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(at)
}

/** The short name of a time zone as the venue's viewers know it, e.g. CEST. */
export function formatZoneName(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(
    at,
  )

  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
}

/** A density in persons per m², with one decimal. */
export function formatDensity(density: number | null): string {
  // Stored data can predate a validation rule; one odd value must not take the page down.
  if (typeof density !== 'number' || !Number.isFinite(density)) return '—'

  return density.toFixed(1)
}

const countFormat = new Intl.NumberFormat('en-GB')

/** A head count with thousands separators. */
export function formatCount(count: number): string {
  return countFormat.format(Math.round(count))
}

/** How long ago something happened, coarse enough to read at a glance. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`

  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** A position as decimal degrees, precise to about a metre. */
export function formatPosition(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`
}
