import { describe, expect, it } from 'vitest'

import { createSeededNoise } from './seeded-noise'

describe('createSeededNoise', () => {
  it('gives the same draw for the same seed and keys, in any order', () => {
    const noise = createSeededNoise(42)
    const later = noise.uniform(3, 900, 2)
    noise.uniform(1, 1, 1)
    expect(createSeededNoise(42).uniform(3, 900, 2)).toBe(later)
    expect(createSeededNoise(43).uniform(3, 900, 2)).not.toBe(later)
  })

  it('spreads uniform draws over [0, 1) and normal draws around 0 with a spread of 1', () => {
    const noise = createSeededNoise(7)
    const uniforms = Array.from({ length: 20_000 }, (_, i) => noise.uniform(i, 5))
    const normals = Array.from({ length: 20_000 }, (_, i) => noise.gaussian(i, 6))
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...uniforms)).toBeLessThan(1)
    expect(mean(uniforms)).toBeCloseTo(0.5, 1)
    expect(mean(normals)).toBeCloseTo(0, 1)
    const spread = Math.sqrt(mean(normals.map((value) => value * value)))
    expect(spread).toBeGreaterThan(0.95)
    expect(spread).toBeLessThan(1.05)
  })
})
