import { beforeAll, describe, expect, it } from 'vitest'

import {
  DEFAULT_DENSITY_RULE,
  judgeDensity,
  type DensityRuleState,
  type DensityTransition,
} from '@/lib/alert-rules'
import { bandRank, DEFAULT_BAND_TABLE } from '@/lib/bands'
import { createCellObserver, type CellState } from '@/lib/cell-state'
import { DEFAULT_CELL_RESOLUTION } from '@/lib/grid'
import { validateReport } from '@/lib/report'
import type { Venue } from '@/lib/venue'

import { BASTILLE_DAY_SCENARIO } from './crowd-scenario'
import { simulateSteps } from './simulate-steps'
import { loadTestVenue } from './test-venue'

const START = Date.UTC(2026, 6, 14, 19, 30)
const BRIDGE = 'pont-iena'
const LAWNS = ['champ-de-mars-north', 'champ-de-mars-central', 'champ-de-mars-south']

let venue: Venue
/** Every observation of the first loop and a half, as the live pipeline would judge it. */
let cells: (CellState & { second: number })[]
let alerts: (DensityTransition & { second: number })[]

beforeAll(async () => {
  venue = await loadTestVenue()
  const observer = createCellObserver(venue, {
    resolution: DEFAULT_CELL_RESOLUTION,
    bandTable: DEFAULT_BAND_TABLE,
  })
  const rules = new Map<string, DensityRuleState>()
  cells = []
  alerts = []
  const run = simulateSteps(venue, { startMs: START, durationMs: 800_000, intervalMs: 1_000 })
  for (const step of run) {
    const second = (step.at - START) / 1000
    for (const raw of step.reports) {
      const verdict = validateReport(raw, { now: step.at, maxFutureSkewMs: 0 })
      if (!verdict.ok) throw new Error(verdict.reason)
      const cell = observer.observe(verdict.report)
      cells.push({ ...cell, second })
      const edges = observer.bandEdgesOf(cell.cellId)
      const judged = judgeDensity(rules.get(cell.cellId), cell, edges, DEFAULT_DENSITY_RULE)
      rules.set(cell.cellId, judged.state)
      alerts.push(...judged.transitions.map((transition) => ({ ...transition, second })))
    }
  }
})

/** The longest time, within a window, that a cell's observations all stayed at or above a band. */
function findLongestHold(observations: (CellState & { second: number })[], untilSecond: number) {
  const byCell = new Map<string, (CellState & { second: number })[]>()
  for (const cell of observations) {
    if (cell.second > untilSecond) continue
    byCell.set(cell.cellId, [...(byCell.get(cell.cellId) ?? []), cell])
  }

  let longest = 0
  for (const seen of byCell.values()) {
    let since: number | null = null
    for (const cell of seen) {
      if (bandRank(cell.band) < bandRank('warning')) {
        since = null
        continue
      }
      since ??= cell.second
      longest = Math.max(longest, cell.second - since)
    }
  }

  return longest
}

describe('the 14 July scenario', () => {
  it('holds a bridge cell at warning or worse for 30 s of event time within the first minute', () => {
    const bridge = cells.filter((cell) => cell.sectorId === BRIDGE)
    expect(findLongestHold(bridge, 60)).toBeGreaterThanOrEqual(30)
  })

  it('raises the first alert, on the bridge, between 45 and 60 s', () => {
    const first = alerts[0]
    expect(first?.type).toBe('raised')
    expect(first?.cell.sectorId).toBe(BRIDGE)
    expect(first?.second).toBeGreaterThanOrEqual(45)
    expect(first?.second).toBeLessThanOrEqual(60)
  })

  it('pushes the bridge into the critical band, then raises a critical alert', () => {
    const critical = cells.find((cell) => cell.sectorId === BRIDGE && cell.band === 'critical')
    expect(critical?.kind).toBe('moving')
    expect(critical?.density).toBeGreaterThanOrEqual(5)
    expect(critical!.second).toBeLessThan(90)

    const criticalAlert = alerts.find((alert) => alert.severity === 'critical')
    expect(criticalAlert?.cell.sectorId).toBe(BRIDGE)
    expect(criticalAlert!.second).toBeLessThan(150)
  })

  it('clears every bridge alert once the surge eases, before the fireworks end', () => {
    const raised = new Set(alerts.filter((a) => a.second < 240).map((alert) => alert.alertId))
    const resolved = new Set(
      alerts.filter((a) => a.type === 'resolved' && a.second < 360).map((alert) => alert.alertId),
    )
    expect(raised.size).toBeGreaterThan(0)
    expect([...raised].filter((alertId) => !resolved.has(alertId))).toEqual([])
  })

  it('keeps the lawns busy or at warning during the fireworks, never critical', () => {
    const show = cells.filter(
      (cell) => LAWNS.includes(cell.sectorId ?? '') && cell.second >= 300 && cell.second < 400,
    )
    expect(show.length).toBeGreaterThan(100)
    const busyOrWarning = show.filter((cell) => cell.band === 'busy' || cell.band === 'warning')
    expect(busyOrWarning.length / show.length).toBeGreaterThan(0.9)
    expect(show.some((cell) => cell.band === 'warning')).toBe(true)
    expect(show.some((cell) => cell.band === 'critical')).toBe(false)
  })

  it('loops: the surge comes back in the next ten minutes', () => {
    const period = BASTILLE_DAY_SCENARIO.periodMs / 1000
    const again = cells.find(
      (cell) => cell.sectorId === BRIDGE && cell.band === 'critical' && cell.second > period,
    )
    expect(again).toBeDefined()
    expect(again!.second).toBeLessThan(period + 120)
  })
})
