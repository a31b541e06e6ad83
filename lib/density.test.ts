import { describe, expect, it } from 'vitest'

import { computeDensity, DOUBTFUL_DENSITY, isDoubtfulDensity } from './density'

describe('computeDensity', () => {
  it('divides the head count by the scanned area, in persons per m²', () => {
    expect(computeDensity(3100, 1250)).toBeCloseTo(2.48, 10)
    expect(computeDensity(0, 1250)).toBe(0)
  })
})

describe('isDoubtfulDensity', () => {
  it('flags a density above 12 p/m² and not one at 12', () => {
    expect(DOUBTFUL_DENSITY).toBe(12)
    expect(isDoubtfulDensity(12)).toBe(false)
    expect(isDoubtfulDensity(12.01)).toBe(true)
  })

  it('leaves the densities of real crushes (around 10 p/m²) unflagged', () => {
    expect(isDoubtfulDensity(computeDensity(10_500, 1000))).toBe(false)
  })
})
