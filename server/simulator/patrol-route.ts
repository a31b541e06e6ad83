import { findCellCenter, listCellsInside } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { measureDistance, type FramePoint, type LocalFrame } from './local-frame'

/** The waypoints a drone sweeps, one per zone cell, and the sectors they cover. */
export type PatrolRoute = { sectorIds: string[]; waypoints: FramePoint[] }

/** Rows of resolution-11 cells lie about 43 m apart; one sweep line per row. */
const ROW_SPACING_M = 43

/**
 * Plans a lawn-mower sweep over the cells of some sectors: back and forth along each sector's
 * long axis, one row after the next, sectors chained from the one nearest the start.
 */
export function planPatrolRoute(
  venue: Venue,
  sectorIds: string[],
  frame: LocalFrame,
  resolution: number,
  startNear: FramePoint,
): PatrolRoute {
  const sweeps = sectorIds.flatMap((sectorId) => {
    const sector = venue.sectors.find((candidate) => candidate.id === sectorId)
    if (!sector) return []

    const centres = listCellsInside(sector.area, resolution).map((cell) =>
      frame.toFrame(findCellCenter(cell)),
    )

    return centres.length > 0 ? [{ sectorId, waypoints: sweepCells(centres) }] : []
  })

  const ordered: typeof sweeps = []
  let here = startNear
  while (sweeps.length > 0) {
    const { index, reversed } = findNearestSweep(sweeps, here)
    const [next] = sweeps.splice(index, 1)
    if (!next) break
    const waypoints = reversed ? [...next.waypoints].reverse() : next.waypoints
    ordered.push({ sectorId: next.sectorId, waypoints })
    here = waypoints[waypoints.length - 1] ?? here
  }

  return {
    sectorIds: ordered.map((sweep) => sweep.sectorId),
    waypoints: ordered.flatMap((sweep) => sweep.waypoints),
  }
}

function findNearestSweep(sweeps: { waypoints: FramePoint[] }[], here: FramePoint) {
  let best = { index: 0, reversed: false, metres: Infinity }
  sweeps.forEach(({ waypoints }, index) => {
    const first = waypoints[0]
    const last = waypoints[waypoints.length - 1]
    if (!first || !last) return
    const toFirst = measureDistance(here, first)
    const toLast = measureDistance(here, last)
    if (toFirst < best.metres) best = { index, reversed: false, metres: toFirst }
    if (toLast < best.metres) best = { index, reversed: true, metres: toLast }
  })

  return best
}

/** Orders cell centres as a boustrophedon along the direction in which they spread most. */
function sweepCells(centres: FramePoint[]): FramePoint[] {
  const axis = findMainAxis(centres)
  const rows = new Map<number, { point: FramePoint; along: number }[]>()
  for (const point of centres) {
    const dx = point.x - axis.mean.x
    const dy = point.y - axis.mean.y
    const along = dx * axis.ux + dy * axis.uy
    const across = -dx * axis.uy + dy * axis.ux
    const row = Math.round(across / ROW_SPACING_M)
    rows.set(row, [...(rows.get(row) ?? []), { point, along }])
  }

  return [...rows.keys()]
    .sort((a, b) => a - b)
    .flatMap((row, order) => {
      const cells = [...(rows.get(row) ?? [])].sort((a, b) => a.along - b.along)
      if (order % 2 === 1) cells.reverse()

      return cells.map((cell) => cell.point)
    })
}

/** The mean of some points and the unit direction of their greatest spread. */
export function findMainAxis(points: FramePoint[]) {
  const count = Math.max(points.length, 1)
  const mean = {
    x: points.reduce((sum, point) => sum + point.x, 0) / count,
    y: points.reduce((sum, point) => sum + point.y, 0) / count,
  }
  let xx = 0
  let yy = 0
  let xy = 0
  for (const point of points) {
    const dx = point.x - mean.x
    const dy = point.y - mean.y
    xx += dx * dx
    yy += dy * dy
    xy += dx * dy
  }
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy)

  return { mean, ux: Math.cos(angle), uy: Math.sin(angle) }
}
