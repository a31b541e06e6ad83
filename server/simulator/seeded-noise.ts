/**
 * Deterministic noise keyed by integers (drone, tick, channel): the same seed and keys always
 * give the same draw, in any order, so a step function can stay pure and a run repeatable.
 */
export type SeededNoise = {
  /** A draw in [0, 1). */
  uniform(...keys: number[]): number
  /** A draw from the standard normal distribution. */
  gaussian(...keys: number[]): number
}

const TWO_TO_32 = 4_294_967_296
const GOLDEN_GAMMA = 0x9e3779b9

/** Scrambles 32 bits so that neighbouring inputs give unrelated outputs (Murmur3 finaliser). */
function scramble(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16

  return h >>> 0
}

/** Makes the noise source for one seed. */
export function createSeededNoise(seed: number): SeededNoise {
  const base = scramble(Math.trunc(seed) ^ GOLDEN_GAMMA)

  function uniform(...keys: number[]): number {
    let h = base
    for (const key of keys) h = scramble((h + Math.imul(Math.trunc(key) | 0, GOLDEN_GAMMA)) | 0)

    return h / TWO_TO_32
  }

  function gaussian(...keys: number[]): number {
    // Box–Muller; the first draw is kept away from zero so the logarithm stays finite.
    const u1 = Math.max(uniform(...keys, 1), 1e-12)
    const u2 = uniform(...keys, 2)

    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  }

  return { uniform, gaussian }
}
