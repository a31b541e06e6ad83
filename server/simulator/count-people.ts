/** Spread of a drone head count around the truth; counts are cut off at ±20 %. */
export const COUNTING_NOISE = { spread: 0.08, limit: 0.2 } as const

/**
 * The head count a drone reports for a patch: the true count with counting noise. `draw` is a
 * standard normal draw; it is scaled and clipped so a single count is never more than 20 % off.
 */
export function countPeople(density: number, areaM2: number, draw: number): number {
  const error = Math.max(
    -COUNTING_NOISE.limit,
    Math.min(COUNTING_NOISE.limit, draw * COUNTING_NOISE.spread),
  )

  return Math.max(0, Math.round(density * areaM2 * (1 + error)))
}
