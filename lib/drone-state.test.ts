import { describe, expect, it } from 'vitest'

import { describeDrone } from './drone-state'
import type { DroneReport } from './report'

const report: DroneReport = {
  reportId: 'r-1',
  droneId: 'D-07',
  ts: Date.UTC(2026, 6, 14, 21, 32, 5),
  lat: 48.8556,
  lon: 2.2986,
  areaM2: 1250,
  people: 3100,
}

describe('describeDrone', () => {
  it('takes the position, time, id and the given cell from the report', () => {
    expect(describeDrone(report, '8b1fb46622dcfff')).toMatchObject({
      droneId: 'D-07',
      ts: report.ts,
      lat: 48.8556,
      lon: 2.2986,
      cellId: '8b1fb46622dcfff',
      reportId: 'r-1',
    })
  })

  it('gives null, not undefined, for every health reading the report lacks', () => {
    const drone = describeDrone(report, 'cell')

    expect(drone.battery).toBeNull()
    expect(drone.speedMs).toBeNull()
    expect(drone.tempC).toBeNull()
    expect(drone.altitudeM).toBeNull()
    expect(drone.headingDeg).toBeNull()
  })

  it('keeps readings of zero as zero (an empty battery is not an unknown one)', () => {
    const drone = describeDrone(
      { ...report, battery: 0, speedMs: 0, tempC: 0, altitudeM: 0, headingDeg: 0 },
      'cell',
    )

    expect([drone.battery, drone.speedMs, drone.tempC, drone.altitudeM, drone.headingDeg]).toEqual([
      0, 0, 0, 0, 0,
    ])
  })

  it('does not copy crowd counts or unknown fields into the drone state', () => {
    const drone = describeDrone({ ...report, extra: { colour: 'red' } }, 'cell')

    expect(drone).not.toHaveProperty('people')
    expect(drone).not.toHaveProperty('extra')
  })
})
