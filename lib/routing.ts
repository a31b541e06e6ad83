import type { Officer, Shift, Station } from './directory'
import { distanceKm, isInsideArea, type GeoPoint } from './geo'

export type StationRoute = { station: Station; routedBy: 'jurisdiction' | 'nearest' }

/**
 * The station an alert at a position goes to: the one whose jurisdiction contains it, else
 * the nearest one, so that an alert is never left without a station.
 */
export function routeToStation(point: GeoPoint, stations: Station[]): StationRoute | null {
  const responsible = stations.find((station) => isInsideArea(point, station.jurisdiction))
  if (responsible) return { station: responsible, routedBy: 'jurisdiction' }

  let nearest: Station | null = null
  let nearestKm = Infinity
  for (const station of stations) {
    const km = distanceKm(point, station.position)
    if (km < nearestKm) [nearest, nearestKm] = [station, km]
  }

  return nearest ? { station: nearest, routedBy: 'nearest' } : null
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Day of week (0 = Sunday) and minutes since midnight of an instant, in a time zone. */
export function readLocalClock(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''

  return {
    day: WEEKDAYS.indexOf(part('weekday')),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  }
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number)

  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/** Whether a shift covers a local day and time; a shift past midnight covers the next morning. */
export function coversLocalTime(shift: Shift, day: number, minutes: number): boolean {
  const start = toMinutes(shift.start)
  const end = toMinutes(shift.end)
  if (start < end) return shift.days.includes(day) && minutes >= start && minutes < end

  const yesterday = (day + 6) % 7

  return (
    (shift.days.includes(day) && minutes >= start) ||
    (shift.days.includes(yesterday) && minutes < end)
  )
}

/** The officers of a station on duty at an instant, in the venue's time zone. */
export function findOfficersOnDuty(
  officers: Officer[],
  stationId: string,
  at: number,
  timeZone: string,
): Officer[] {
  const { day, minutes } = readLocalClock(at, timeZone)

  return officers.filter(
    (officer) =>
      officer.stationId === stationId &&
      officer.shifts.some((shift) => coversLocalTime(shift, day, minutes)),
  )
}
