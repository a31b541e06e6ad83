import { beforeAll, describe, expect, it } from 'vitest'

import { distanceKm } from '@/lib/geo'
import { validateReport } from '@/lib/report'
import type { Venue } from '@/lib/venue'

import { DRONE_PHYSICS } from './drone-physics'
import { DEFAULT_DRONES, createFleet, type FleetEvent, type SimulatedReport } from './fleet'
import { simulateSteps } from './simulate-steps'
import { loadTestVenue } from './test-venue'

const START = Date.UTC(2026, 6, 14, 19, 30)
const MINUTE = 60_000

let venue: Venue
let reports: SimulatedReport[]
let events: (FleetEvent & { at: number })[]

beforeAll(async () => {
  venue = await loadTestVenue()
  reports = []
  events = []
  // Forty minutes: long enough for every drone to go home once, the bridge watcher included.
  for (const step of simulateSteps(venue, {
    startMs: START,
    durationMs: 40 * MINUTE,
    intervalMs: 1_000,
  })) {
    reports.push(...step.reports)
    events.push(...step.events.map((event) => ({ ...event, at: step.at })))
  }
})

describe('a simulated fleet', () => {
  it('flies six drones by default, one report per airborne drone per second', () => {
    const firstSecond = reports.filter((report) => report.ts === new Date(START).toISOString())
    expect(firstSecond.map((report) => report.droneId)).toEqual([
      'D-01',
      'D-02',
      'D-03',
      'D-04',
      'D-05',
      'D-06',
    ])
    expect(DEFAULT_DRONES).toBe(6)
  })

  it('sends only reports that pass the v1 validation, inside the operating area', () => {
    const area = { center: venue.center, radiusKm: venue.operatingRadiusKm }
    const refusals = reports.flatMap((report) => {
      const context = { now: Date.parse(report.ts), maxFutureSkewMs: 0, operatingArea: area }
      const verdict = validateReport(report, context)

      return verdict.ok ? [] : [verdict.reason]
    })
    expect(refusals).toEqual([])
  })

  it('keeps every drone over the venue: within 1.5 km of its center', () => {
    const farthest = Math.max(...reports.map((report) => distanceKm(report, venue.center)))
    expect(farthest).toBeLessThan(1.5)
  })

  it('reports a camera footprint of 1,200–1,600 m² from about 60 m up', () => {
    const odd = reports.filter(
      (report) =>
        report.areaM2 < 1_200 ||
        report.areaM2 > 1_600 ||
        Math.abs(report.altitudeM - DRONE_PHYSICS.patrolAltitudeM) >= 6,
    )
    expect(odd).toEqual([])
  })

  it('keeps temperatures, speeds, headings and batteries in realistic ranges', () => {
    const odd = reports.filter(
      (report) =>
        report.tempC < DRONE_PHYSICS.ambientC - 1 ||
        report.tempC > 50 ||
        report.speedMs > 10 ||
        report.headingDeg < 0 ||
        report.headingDeg >= 360 ||
        report.battery <= 10,
    )
    expect(odd).toEqual([])
    expect(Math.max(...reports.map((report) => report.tempC))).toBeGreaterThan(38)
  })

  it('sends the low drone home within the first few minutes and brings it back charged', () => {
    const firstReturn = events.find((event) => event.type === 'returning')
    expect(firstReturn).toBeDefined()
    expect(firstReturn!.at - START).toBeLessThan(4 * MINUTE)

    const droneId = (firstReturn as { droneId: string }).droneId
    const airborne = events.find((event) => event.type === 'airborne' && event.droneId === droneId)
    expect(airborne).toBeDefined()
    const later = reports.filter(
      (report) => report.droneId === droneId && Date.parse(report.ts) > airborne!.at,
    )
    expect(later.length).toBeGreaterThan(0)
    expect(later[0]!.battery).toBeGreaterThan(95)

    // While it is on the ground for the swap it sends nothing.
    const landed = events.find((event) => event.type === 'landed' && event.droneId === droneId)
    const silent = reports.filter((report) => {
      const at = Date.parse(report.ts)

      return report.droneId === droneId && at > landed!.at && at < airborne!.at
    })
    expect(silent).toHaveLength(0)
  })

  it('never leaves the bridge unwatched: a stand-in flies it while its drone swaps batteries', () => {
    const watcherLeaves = events.find(
      (event) => event.type === 'returning' && event.droneId === 'D-01',
    )
    expect(watcherLeaves).toBeDefined()
    const cover = events.find(
      (event) => event.type === 'covering' && event.at === watcherLeaves!.at,
    )
    expect(cover).toMatchObject({ forDroneId: 'D-01', sectorIds: ['pont-iena'] })
    const ended = events.find((event) => event.type === 'cover-ended' && event.at > cover!.at)
    expect(ended).toMatchObject({ forDroneId: 'D-01' })
    expect(events.some((event) => event.type === 'unwatched')).toBe(false)
  })

  it('repeats itself exactly for a seed, and differs for another', () => {
    const run = (seed: number) =>
      [
        ...simulateSteps(venue, { startMs: START, durationMs: 20_000, intervalMs: 1_000, seed }),
      ].flatMap((step) => step.reports)
    expect(run(7)).toEqual(run(7))
    expect(run(7)).not.toEqual(run(8))
  })

  it('refuses a fleet of no drones', () => {
    expect(() => createFleet(venue, { startMs: START, drones: 0 })).toThrow(/at least 1/)
  })
})
