import { beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_CELL_RESOLUTION } from '@/lib/grid'
import type { Venue } from '@/lib/venue'

import { planFleet, splitEvenly } from './fleet-plan'
import { createLocalFrame } from './local-frame'
import { loadTestVenue } from './test-venue'

let venue: Venue

beforeAll(async () => {
  venue = await loadTestVenue()
})

function plan(drones: number) {
  return planFleet(
    venue,
    drones,
    ['pont-iena'],
    createLocalFrame(venue.center),
    DEFAULT_CELL_RESOLUTION,
  )
}

describe('splitEvenly', () => {
  it('cuts a list into contiguous runs whose heaviest is as light as possible', () => {
    expect(splitEvenly([5, 27, 24, 27, 12, 12, 27, 25], 5)).toEqual([
      [0, 1],
      [2],
      [3, 4],
      [5, 6],
      [7],
    ])
    expect(splitEvenly([1, 1, 1], 1)).toEqual([[0, 1, 2]])
    expect(splitEvenly([], 3)).toEqual([])
  })
})

describe('planFleet', () => {
  it('gives the bridge a drone of its own and shares every other sector out', () => {
    const assignments = plan(6)
    expect(assignments[0]).toMatchObject({ droneId: 'D-01', sectorIds: ['pont-iena'] })
    const covered = assignments.flatMap((assignment) => assignment.sectorIds).sort()
    expect(covered).toEqual(venue.sectors.map((sector) => sector.id).sort())
    const launchSites = new Set(venue.launchSites.map((site) => site.id))
    expect(assignments.every((assignment) => launchSites.has(assignment.launchSiteId))).toBe(true)
  })

  it('lets a single drone patrol everything, and puts spare drones on the largest runs', () => {
    expect(plan(1)[0]?.sectorIds).toHaveLength(venue.sectors.length)

    const crowded = plan(14)
    expect(crowded).toHaveLength(14)
    const covered = new Set(crowded.flatMap((assignment) => assignment.sectorIds))
    expect(covered.size).toBe(venue.sectors.length)
    expect(crowded.filter((assignment) => assignment.startShare > 0).length).toBeGreaterThan(0)
  })
})
