import type { Position } from 'geojson'

/**
 * What is wrong with a polygon ring: too few positions, not closed, or edges that cross.
 * A crossing ring (a bow tie) makes point-in-polygon tests and cell filling disagree.
 */
export function findRingProblems(ring: Position[]): string[] {
  if (ring.length < 4) return [`a ring needs at least 4 positions, got ${ring.length}`]

  const first = ring[0] as Position
  const last = ring[ring.length - 1] as Position
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return ['a ring must end where it starts (repeat the first position last)']
  }

  const crossing = findCrossingEdges(ring)
  if (crossing) {
    return [`edges ${crossing[0]} and ${crossing[1]} cross: the ring must not intersect itself`]
  }

  return []
}

function findCrossingEdges(ring: Position[]): [number, number] | null {
  const edges = ring.length - 1
  for (let i = 0; i < edges; i++) {
    // Neighbouring edges share a vertex by construction; only edges further apart may not meet.
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue
      const a = ring[i] as Position
      const b = ring[i + 1] as Position
      const c = ring[j] as Position
      const d = ring[j + 1] as Position
      if (segmentsIntersect(a, b, c, d)) return [i, j]
    }
  }

  return null
}

function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = turn(c, d, a)
  const d2 = turn(c, d, b)
  const d3 = turn(a, b, c)
  const d4 = turn(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true
  }

  return (
    (d1 === 0 && isWithinBox(c, d, a)) ||
    (d2 === 0 && isWithinBox(c, d, b)) ||
    (d3 === 0 && isWithinBox(a, b, c)) ||
    (d4 === 0 && isWithinBox(a, b, d))
  )
}

/** Positive when p lies left of the line from a to b, negative when right, zero on it. */
function turn(a: Position, b: Position, p: Position): number {
  const [ax = 0, ay = 0] = a
  const [bx = 0, by = 0] = b
  const [px = 0, py = 0] = p

  return (bx - ax) * (py - ay) - (by - ay) * (px - ax)
}

function isWithinBox(a: Position, b: Position, p: Position): boolean {
  const [ax = 0, ay = 0] = a
  const [bx = 0, by = 0] = b
  const [px = 0, py = 0] = p

  return (
    Math.min(ax, bx) <= px &&
    px <= Math.max(ax, bx) &&
    Math.min(ay, by) <= py &&
    py <= Math.max(ay, by)
  )
}
