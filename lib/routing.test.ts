import { describe, expect, it } from 'vitest'

import type { Officer, Shift, Station } from './directory'
import { coversLocalTime, findOfficersOnDuty, readLocalClock, routeToStation } from './routing'
import { CHAMP_DE_MARS, NOTRE_DAME, squareAround } from './test-fixtures'

const PARIS = 'Europe/Paris'
const [SUN, MON, TUE, WED, THU, FRI, SAT] = [0, 1, 2, 3, 4, 5, 6]
const WEEKDAYS = [MON, TUE, WED, THU, FRI]

function station(
  stationId: string,
  position: { lat: number; lon: number },
  halfDeg: number,
): Station {
  return {
    stationId,
    name: `Station ${stationId}`,
    address: '1 rue de la Paix, Paris',
    phone: '+33 1 00 00 00 00',
    radio: `ch-${stationId}`,
    position,
    jurisdiction: squareAround(position, halfDeg),
  }
}

/** The 7e covers the Champ de Mars; the 15e covers a square south of it. */
const SEVENTH = station('7e', CHAMP_DE_MARS, 0.002)
const FIFTEENTH = station('15e', { lat: 48.842, lon: 2.299 }, 0.003)
const STATIONS = [SEVENTH, FIFTEENTH]

function officer(officerId: string, stationId: string, shifts: Shift[]): Officer {
  return {
    officerId,
    name: `Officer ${officerId}`,
    rank: 'Gardien de la paix',
    role: 'officer',
    stationId,
    phone: '+33 6 00 00 00 00',
    radio: 'ch-1',
    shifts,
  }
}

const DAY = officer('day', '7e', [{ days: WEEKDAYS, start: '08:00', end: '16:00' }])
const NIGHT = officer('night', '7e', [{ days: [FRI, SAT], start: '22:00', end: '06:00' }])
const OTHER_STATION = officer('other', '15e', [
  { days: [SUN, ...WEEKDAYS, SAT], start: '00:00', end: '00:00' },
])
const OFFICERS = [DAY, NIGHT, OTHER_STATION]

const onDutyAt = (iso: string) =>
  findOfficersOnDuty(OFFICERS, '7e', Date.parse(iso), PARIS).map((found) => found.officerId)

describe('routeToStation', () => {
  it('routes a point inside a jurisdiction to that station', () => {
    expect(routeToStation(CHAMP_DE_MARS, STATIONS)).toEqual({
      station: SEVENTH,
      routedBy: 'jurisdiction',
    })
    expect(routeToStation({ lat: 48.841, lon: 2.3 }, STATIONS)).toEqual({
      station: FIFTEENTH,
      routedBy: 'jurisdiction',
    })
  })

  it('routes a point on the edge of a jurisdiction to that station', () => {
    const edge = { lat: CHAMP_DE_MARS.lat + 0.002, lon: CHAMP_DE_MARS.lon }

    expect(routeToStation(edge, STATIONS)?.routedBy).toBe('jurisdiction')
  })

  it('routes a point outside every jurisdiction to the nearest station', () => {
    expect(routeToStation(NOTRE_DAME, STATIONS)).toEqual({ station: SEVENTH, routedBy: 'nearest' })
    expect(routeToStation({ lat: 48.83, lon: 2.3 }, STATIONS)).toEqual({
      station: FIFTEENTH,
      routedBy: 'nearest',
    })
  })

  it('prefers the jurisdiction to a station that is nearer', () => {
    const farHeadquarters = { ...SEVENTH, position: { lat: 48.9, lon: 2.4 } }
    const insideSeventh = { lat: CHAMP_DE_MARS.lat - 0.0019, lon: CHAMP_DE_MARS.lon }
    const nearby = {
      ...FIFTEENTH,
      position: insideSeventh,
      jurisdiction: squareAround({ lat: 48.8, lon: 2.2 }, 0.001),
    }

    expect(routeToStation(insideSeventh, [nearby, farHeadquarters])).toEqual({
      station: farHeadquarters,
      routedBy: 'jurisdiction',
    })
  })

  it('gives null when there is no station', () => {
    expect(routeToStation(CHAMP_DE_MARS, [])).toBeNull()
  })
})

describe('readLocalClock', () => {
  it('reads a summer instant at UTC+2 in Paris', () => {
    expect(readLocalClock(Date.parse('2026-07-14T20:30:00Z'), PARIS)).toEqual({
      day: TUE,
      minutes: 22 * 60 + 30,
    })
  })

  it('reads a winter instant at UTC+1 in Paris', () => {
    expect(readLocalClock(Date.parse('2026-01-13T20:30:00Z'), PARIS)).toEqual({
      day: TUE,
      minutes: 21 * 60 + 30,
    })
  })

  it('moves to the next local day when Paris has passed midnight but UTC has not', () => {
    expect(readLocalClock(Date.parse('2026-07-14T22:30:00Z'), PARIS)).toEqual({
      day: WED,
      minutes: 30,
    })
  })

  it('reads local midnight as minute 0, not 24:00', () => {
    expect(readLocalClock(Date.parse('2026-07-14T22:00:00Z'), PARIS)).toEqual({
      day: WED,
      minutes: 0,
    })
  })
})

describe('coversLocalTime', () => {
  const day: Shift = { days: [TUE], start: '08:00', end: '16:00' }
  const night: Shift = { days: [SAT], start: '22:00', end: '06:00' }

  it('covers a day shift from its start, inclusive, to its end, exclusive', () => {
    expect(coversLocalTime(day, TUE, 8 * 60 - 1)).toBe(false)
    expect(coversLocalTime(day, TUE, 8 * 60)).toBe(true)
    expect(coversLocalTime(day, TUE, 16 * 60 - 1)).toBe(true)
    expect(coversLocalTime(day, TUE, 16 * 60)).toBe(false)
    expect(coversLocalTime(day, WED, 10 * 60)).toBe(false)
  })

  it('covers a night shift on the evening it starts and the next morning, across the week end', () => {
    expect(coversLocalTime(night, SAT, 21 * 60 + 59)).toBe(false)
    expect(coversLocalTime(night, SAT, 22 * 60)).toBe(true)
    expect(coversLocalTime(night, SUN, 5 * 60 + 59)).toBe(true)
    expect(coversLocalTime(night, SUN, 6 * 60)).toBe(false)
  })

  it('does not cover the morning after a day the shift does not start on', () => {
    expect(coversLocalTime(night, SAT, 3 * 60)).toBe(false)
    expect(coversLocalTime(night, SUN, 23 * 60)).toBe(false)
  })
})

describe('findOfficersOnDuty', () => {
  it('finds the day shift during the day', () => {
    expect(onDutyAt('2026-07-14T08:00:00Z')).toEqual(['day'])
  })

  it('finds the night shift on the evening it starts', () => {
    expect(onDutyAt('2026-07-17T21:30:00Z')).toEqual(['night'])
  })

  it('finds the night shift after midnight, on the next morning', () => {
    expect(onDutyAt('2026-07-18T03:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-07-19T03:30:00Z')).toEqual(['night'])
  })

  it('finds nobody when every officer of the station is off duty', () => {
    expect(onDutyAt('2026-07-14T15:00:00Z')).toEqual([])
    expect(onDutyAt('2026-07-20T03:30:00Z')).toEqual([])
  })

  it('never lists an officer of another station, even one on duty', () => {
    expect(onDutyAt('2026-07-14T15:00:00Z')).not.toContain('other')
    expect(findOfficersOnDuty(OFFICERS, '15e', Date.parse('2026-07-14T15:00:00Z'), PARIS)).toEqual([
      OTHER_STATION,
    ])
  })

  it('judges a UTC instant in Paris time: 06:30 UTC is on duty in summer, not in winter', () => {
    expect(onDutyAt('2026-07-14T06:30:00Z')).toEqual(['day'])
    expect(onDutyAt('2026-01-13T06:30:00Z')).toEqual([])
  })

  it('follows the spring DST change in the middle of a night shift', () => {
    expect(onDutyAt('2026-03-22T04:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-03-29T03:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-03-29T04:30:00Z')).toEqual([])
  })

  it('follows the autumn DST change in the middle of a night shift', () => {
    expect(onDutyAt('2026-10-25T00:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-10-25T01:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-10-25T04:30:00Z')).toEqual(['night'])
    expect(onDutyAt('2026-10-25T05:30:00Z')).toEqual([])
  })

  it('finds an officer on duty through any one of several shifts', () => {
    const split = officer('split', '7e', [
      { days: [MON], start: '06:00', end: '10:00' },
      { days: [MON], start: '18:00', end: '22:00' },
    ])
    const at = (iso: string) => findOfficersOnDuty([split], '7e', Date.parse(iso), PARIS).length

    expect([
      at('2026-07-13T05:00:00Z'),
      at('2026-07-13T12:00:00Z'),
      at('2026-07-13T17:00:00Z'),
    ]).toEqual([1, 0, 1])
  })
})
