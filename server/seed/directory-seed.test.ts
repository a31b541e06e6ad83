import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import type { Officer, Station } from '@/lib/directory'
import { isInsideArea } from '@/lib/geo'
import { findCellCenter, listCellsInside } from '@/lib/grid'
import { findOfficersOnDuty, routeToStation } from '@/lib/routing'
import type { Venue } from '@/lib/venue'

import { loadVenue } from '../venue/load-venue'

const SEED_DIR = path.join(process.cwd(), 'server', 'seed')
const TIME_ZONE = 'Europe/Paris'
const HALF_HOUR_MS = 30 * 60_000
const WEEK_MS = 7 * 24 * 3_600_000

const CHAMP_DE_MARS_CENTER = { lat: 48.8561, lon: 2.2983 }
const TROCADERO_ESPLANADE = { lat: 48.862, lon: 2.288 }

let stations: Station[]
let officers: Officer[]
let venue: Venue

beforeAll(async () => {
  const seed = JSON.parse(await readFile(path.join(SEED_DIR, 'directory.json'), 'utf8')) as {
    stations: Station[]
    officers: Officer[]
  }
  stations = seed.stations
  officers = seed.officers
  venue = await loadVenue(path.join(SEED_DIR, 'champ-de-mars.venue.json'))
})

function listVenueCellCenters() {
  return venue.sectors.flatMap((sector) =>
    listCellsInside(sector.area, 11).map((cell) => ({
      sector: sector.id,
      at: findCellCenter(cell),
    })),
  )
}

describe('the directory seed', () => {
  it('holds the stations of the 7th, 15th and 16th, each inside its own jurisdiction', () => {
    expect(stations.map((station) => station.stationId).sort()).toEqual([
      'paris-07',
      'paris-15',
      'paris-16',
    ])
    for (const station of stations) {
      expect(isInsideArea(station.position, station.jurisdiction), station.stationId).toBe(true)
    }
  })

  it('gives each station one supervisor and three to five officers, all with fictional numbers', () => {
    for (const station of stations) {
      const staff = officers.filter((officer) => officer.stationId === station.stationId)
      expect(
        staff.filter((officer) => officer.role === 'supervisor'),
        station.stationId,
      ).toHaveLength(1)
      const constables = staff.filter((officer) => officer.role === 'officer').length
      expect(constables, station.stationId).toBeGreaterThanOrEqual(3)
      expect(constables, station.stationId).toBeLessThanOrEqual(5)
    }
    // +33 1 99 00 xx xx is the range the French regulator keeps for fiction.
    const phones = [...stations, ...officers].map((entry) => entry.phone)
    expect(phones.every((phone) => /^\+33 1 99 00 \d\d \d\d$/.test(phone))).toBe(true)
    expect(new Set(officers.map((officer) => officer.officerId)).size).toBe(officers.length)
  })

  it('routes the Champ de Mars to the 7th and the Trocadéro esplanade to the 16th', () => {
    const champ = routeToStation(CHAMP_DE_MARS_CENTER, stations)
    expect(champ?.station.stationId).toBe('paris-07')
    expect(champ?.routedBy).toBe('jurisdiction')

    const trocadero = routeToStation(TROCADERO_ESPLANADE, stations)
    expect(trocadero?.station.stationId).toBe('paris-16')
    expect(trocadero?.routedBy).toBe('jurisdiction')
  })

  it('puts the whole Pont d’Iéna in the jurisdiction of the 7th', () => {
    const bridge = venue.sectors.find((sector) => sector.id === 'pont-iena')
    const seventh = stations.find((station) => station.stationId === 'paris-07')
    for (const [lon = 0, lat = 0] of bridge?.area.coordinates[0] ?? []) {
      expect(isInsideArea({ lat, lon }, seventh!.jurisdiction)).toBe(true)
    }
  })

  it('routes every cell of the venue to exactly one station by jurisdiction', () => {
    for (const { sector, at } of listVenueCellCenters()) {
      const holders = stations.filter((station) => isInsideArea(at, station.jurisdiction))
      expect(holders.length, `${sector} ${at.lat},${at.lon}`).toBe(1)
    }
  })

  it('has a night shift that runs past midnight', () => {
    const shifts = officers.flatMap((officer) => officer.shifts)
    expect(shifts.some((shift) => shift.end < shift.start)).toBe(true)
  })

  it.each([
    ['the week of 14 July', Date.UTC(2026, 6, 12, 22)],
    ['the week clocks go forward', Date.UTC(2026, 2, 25, 23)],
    ['the week clocks go back', Date.UTC(2026, 9, 21, 22)],
  ])('has an officer on duty at every station, every half hour of %s', (_week, start) => {
    for (let at = start; at < start + WEEK_MS; at += HALF_HOUR_MS) {
      for (const station of stations) {
        const onDuty = findOfficersOnDuty(officers, station.stationId, at, TIME_ZONE)
        expect(
          onDuty.length,
          `${station.stationId} at ${new Date(at).toISOString()}`,
        ).toBeGreaterThan(0)
      }
    }
  })
})
