import { beforeAll, describe, expect, it } from 'vitest'

import type { Venue } from '@/lib/venue'

import { createCrowdModel, readCurve } from './crowd-model'
import { BASTILLE_DAY_SCENARIO } from './crowd-scenario'
import { createSeededNoise } from './seeded-noise'
import { loadTestVenue } from './test-venue'

const SECOND = 1_000
const BRIDGE_MIDDLE = { lat: 48.85945, lon: 2.29258 }
const SEINE_BESIDE_BRIDGE = { lat: 48.8601, lon: 2.2937 }
const STREET_EAST_OF_THE_PARK = { lat: 48.8585, lon: 2.3015 }

let venue: Venue

beforeAll(async () => {
  venue = await loadTestVenue()
})

describe('readCurve', () => {
  const curve = [
    [0, 1],
    [10, 3],
    [20, 3],
  ] as const

  it('passes through its keyframes and eases between them', () => {
    expect(readCurve(curve, 0)).toBe(1)
    expect(readCurve(curve, 10)).toBe(3)
    expect(readCurve(curve, 5)).toBeCloseTo(2, 6)
    expect(readCurve(curve, 2)).toBeLessThan(1.4)
    expect(readCurve(curve, 15)).toBe(3)
  })

  it('holds the end values outside the keyframes', () => {
    expect(readCurve(curve, -5)).toBe(1)
    expect(readCurve(curve, 99)).toBe(3)
  })
})

describe('the crowd model', () => {
  it('surges on the Pont d’Iéna past the critical edge of a moving zone, then eases', () => {
    const crowd = createCrowdModel(venue, BASTILLE_DAY_SCENARIO, createSeededNoise(1))
    expect(crowd.densityAt(BRIDGE_MIDDLE, 0)).toBeLessThan(2.2)
    expect(crowd.densityAt(BRIDGE_MIDDLE, 130 * SECOND)).toBeGreaterThan(6)
    expect(crowd.densityAt(BRIDGE_MIDDLE, 300 * SECOND)).toBeLessThan(1.6)
  })

  it('repeats every period', () => {
    const crowd = createCrowdModel(venue, BASTILLE_DAY_SCENARIO, createSeededNoise(1))
    const period = BASTILLE_DAY_SCENARIO.periodMs
    expect(crowd.densityAt(BRIDGE_MIDDLE, period + 130 * SECOND)).toBeCloseTo(
      crowd.densityAt(BRIDGE_MIDDLE, 130 * SECOND),
      9,
    )
  })

  it('puts nobody on the water and a thin crowd on the streets outside the sectors', () => {
    const crowd = createCrowdModel(venue, BASTILLE_DAY_SCENARIO, createSeededNoise(1))
    expect(crowd.densityAt(SEINE_BESIDE_BRIDGE, 130 * SECOND)).toBe(0)
    expect(crowd.densityAt(STREET_EAST_OF_THE_PARK, 130 * SECOND)).toBe(
      BASTILLE_DAY_SCENARIO.backgroundDensity,
    )
  })

  it('names the stage of the scenario', () => {
    const crowd = createCrowdModel(venue, BASTILLE_DAY_SCENARIO, createSeededNoise(1))
    expect(crowd.describePhase(100 * SECOND)).toMatch(/crush risk/)
    expect(crowd.describePhase(300 * SECOND)).toMatch(/fireworks/)
  })
})
