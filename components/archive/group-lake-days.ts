import type { ArchivedHour } from '@/lib/archive-types'

import { formatDay } from '../format'

export type LakeDay = {
  /** The venue's calendar date, YYYY-MM-DD: an event night reads as one day. */
  key: string
  label: string
  /** The UTC dates, as the lake's `date=` folders name them, that the day's hours fall in. */
  utcDates: string[]
  hours: ArchivedHour[]
  rows: number
  bytes: number
}

const dayKeyFormats = new Map<string, Intl.DateTimeFormat>()

function dayKey(at: number, timeZone: string): string {
  let format = dayKeyFormats.get(timeZone)
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD, which also sorts as text.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayKeyFormats.set(timeZone, format)
  }

  return format.format(at)
}

/** The lake's hours by the venue's calendar day, newest day first, hours in order within it. */
export function groupLakeDays(hours: ArchivedHour[], timeZone: string): LakeDay[] {
  const days = new Map<string, LakeDay>()
  for (const hour of [...hours].sort((a, b) => a.hour - b.hour)) {
    const key = dayKey(hour.hour, timeZone)
    const day = days.get(key) ?? {
      key,
      label: formatDay(hour.hour, timeZone),
      utcDates: [],
      hours: [],
      rows: 0,
      bytes: 0,
    }
    const utcDate = new Date(hour.hour).toISOString().slice(0, 10)
    if (!day.utcDates.includes(utcDate)) day.utcDates.push(utcDate)
    day.hours.push(hour)
    day.rows += hour.rows
    day.bytes += hour.bytes
    days.set(key, day)
  }

  return [...days.values()].sort((a, b) => b.key.localeCompare(a.key))
}
