import { findCellCenter, listCellsInside } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { measureDistance, type FramePoint, type LocalFrame } from './local-frame'
import { findMainAxis } from './patrol-route'

/** Which sectors a drone patrols and where it lands to change batteries. */
export type DroneAssignment = {
  droneId: string
  sectorIds: string[]
  launchSiteId: string
  /** Where along its route the drone starts, from 0 (first waypoint) to 1 (last). */
  startShare: number
}

/** The id of the n-th drone, counting from 0: D-01, D-02… */
export function nameDrone(index: number): string {
  return `D-${String(index + 1).padStart(2, '0')}`
}

/**
 * Shares the sectors among the drones. A bottleneck under watch gets a drone of its own, so
 * that its cells are seen every few seconds; the other sectors are split, in order along the
 * venue, into runs of about the same number of cells. Spare drones double up on the largest runs.
 */
export function planFleet(
  venue: Venue,
  droneCount: number,
  watchSectorIds: string[],
  frame: LocalFrame,
  resolution: number,
): DroneAssignment[] {
  const sectors = venue.sectors.map((sector) => {
    const centres = listCellsInside(sector.area, resolution).map((cell) =>
      frame.toFrame(findCellCenter(cell)),
    )

    return { id: sector.id, cells: centres.length, centre: findMainAxis(centres).mean }
  })
  const watched = sectors.filter((sector) => watchSectorIds.includes(sector.id))
  const dedicated = droneCount >= 2 && watched.length > 0
  const others = dedicated ? sectors.filter((sector) => !watched.includes(sector)) : sectors

  const axis = findMainAxis(others.map((sector) => sector.centre))
  const along = (point: FramePoint) =>
    (point.x - axis.mean.x) * axis.ux + (point.y - axis.mean.y) * axis.uy
  const ordered = [...others].sort((a, b) => along(a.centre) - along(b.centre))
  const groupCount = droneCount - (dedicated ? 1 : 0)
  const groups = splitEvenly(
    ordered.map((sector) => sector.cells),
    Math.min(groupCount, ordered.length),
  ).map((indexes) => indexes.map((index) => ordered[index] as (typeof ordered)[number]))

  const runs = dedicated ? [watched, ...groups] : groups
  const byCells = [...groups].sort((a, b) => sumCells(b) - sumCells(a))
  const assignments: DroneAssignment[] = []
  for (let index = 0; index < droneCount; index++) {
    const spare = index - runs.length
    const run = spare < 0 ? runs[index] : byCells[spare % Math.max(byCells.length, 1)]
    const group = run ?? watched
    assignments.push({
      droneId: nameDrone(index),
      sectorIds: group.map((sector) => sector.id),
      launchSiteId: findNearestLaunchSite(venue, frame, centreOf(group)),
      // Spare drones, and the bottleneck's watcher, start mid-route, away from their partner's path.
      startShare: spare >= 0 || (dedicated && index === 0) ? 0.5 : 0,
    })
  }

  return assignments
}

function sumCells(group: { cells: number }[]): number {
  return group.reduce((sum, sector) => sum + sector.cells, 0)
}

function centreOf(group: { centre: FramePoint; cells: number }[]): FramePoint {
  const weight = Math.max(sumCells(group), 1)

  return {
    x: group.reduce((sum, sector) => sum + sector.centre.x * sector.cells, 0) / weight,
    y: group.reduce((sum, sector) => sum + sector.centre.y * sector.cells, 0) / weight,
  }
}

function findNearestLaunchSite(venue: Venue, frame: LocalFrame, point: FramePoint): string {
  let best = { id: venue.launchSites[0]?.id ?? '', metres: Infinity }
  for (const site of venue.launchSites) {
    const metres = measureDistance(point, frame.toFrame(site.position))
    if (metres < best.metres) best = { id: site.id, metres }
  }

  return best.id
}

/**
 * Splits a list into contiguous runs so that the heaviest run is as light as it can be
 * (the linear partition problem, by dynamic programming; the lists here are short).
 */
export function splitEvenly(weights: number[], runs: number): number[][] {
  const n = weights.length
  if (n === 0 || runs <= 0) return []

  const prefix = [0]
  for (const weight of weights) prefix.push((prefix[prefix.length - 1] as number) + weight)
  const span = (from: number, to: number) => (prefix[to] as number) - (prefix[from] as number)

  // cost[k][i]: the heaviest run when the first i items form k runs; cut[k][i]: where the last starts.
  const cost = Array.from({ length: runs + 1 }, () => new Array<number>(n + 1).fill(Infinity))
  const cut = Array.from({ length: runs + 1 }, () => new Array<number>(n + 1).fill(0))
  ;(cost[0] as number[])[0] = 0
  for (let k = 1; k <= runs; k++) {
    for (let i = k; i <= n; i++) {
      for (let j = k - 1; j < i; j++) {
        const candidate = Math.max((cost[k - 1] as number[])[j] as number, span(j, i))
        if (candidate < ((cost[k] as number[])[i] as number)) {
          ;(cost[k] as number[])[i] = candidate
          ;(cut[k] as number[])[i] = j
        }
      }
    }
  }

  const result: number[][] = []
  let end = n
  for (let k = runs; k >= 1; k--) {
    const start = (cut[k] as number[])[end] as number
    result.unshift(Array.from({ length: end - start }, (_, offset) => start + offset))
    end = start
  }

  return result
}
