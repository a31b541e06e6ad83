import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  DEFAULT_DENSITY_RULE,
  densityAlertId,
  judgeDensity,
  type DensityRuleSettings,
  type DensityRuleState,
  type DensityTransition,
} from './alert-rules'
import {
  bandRank,
  classifyDensity,
  DEFAULT_BAND_TABLE,
  type BandEdges,
  type ZoneKind,
} from './bands'
import { createCellObserver, type CellState } from './cell-state'
import type { DroneReport } from './report'
import { CHAMP_DE_MARS, squareAround } from './test-fixtures'
import type { Venue } from './venue'

const T0 = Date.UTC(2026, 6, 14, 21, 0, 0)
const CELL = '8b1fb4662000fff'
const RULE = DEFAULT_DENSITY_RULE
const STANDING = DEFAULT_BAND_TABLE.standing

/** Densities in the standing table: warning starts at 3.5, its clearing line is 3.15. */
const BUSY = 3
const WARNING = 4
const HIGH = 5
const CRITICAL = 7
const BELOW_LINE = 3.1
const BETWEEN_LINE_AND_EDGE = 3.3

/** One observation of the test cell, `seconds` after T0. */
function observe(seconds: number, density: number, kind: ZoneKind = 'standing'): CellState {
  return {
    cellId: CELL,
    ts: T0 + seconds * 1000,
    density,
    people: Math.round(density * 1000),
    areaM2: 1000,
    band: classifyDensity(density, kind, DEFAULT_BAND_TABLE),
    kind,
    sectorId: 'lawn',
    doubtful: density > 12,
    droneId: 'D-07',
    reportId: `r-${seconds}`,
  }
}

type Run = { state: DensityRuleState | undefined; transitions: DensityTransition[] }

/**
 * Judges observations in order, as the alerts consumer does, from the state an earlier run left;
 * gives the transitions of these observations only.
 */
function judgeAll(
  cells: CellState[],
  settings: DensityRuleSettings = RULE,
  edges: BandEdges = STANDING,
  after?: Run,
): Run {
  return cells.reduce<Run>(
    (run, cell) => {
      const judgement = judgeDensity(run.state, cell, edges, settings)

      return { state: judgement.state, transitions: [...run.transitions, ...judgement.transitions] }
    },
    { state: after?.state, transitions: [] },
  )
}

/** Observations of one density every `step` seconds over [from, to]. */
function hold(density: number, from: number, to: number, step = 5): CellState[] {
  const cells: CellState[] = []
  for (let seconds = from; seconds <= to; seconds += step) cells.push(observe(seconds, density))

  return cells
}

const summary = (transitions: DensityTransition[]) =>
  transitions.map((transition) => ({
    type: transition.type,
    severity: transition.severity,
    at: (transition.at - T0) / 1000,
  }))

describe('judgeDensity: raising', () => {
  it('raises nothing while the band has held for less than 30 s', () => {
    const run = judgeAll([...hold(WARNING, 0, 25), observe(29.999, WARNING)])

    expect(run.transitions).toEqual([])
    expect(run.state?.episode).toBeNull()
  })

  it('raises exactly when the band has held for 30 s of event time', () => {
    const run = judgeAll(hold(WARNING, 0, 30, 10))

    expect(summary(run.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 30 }])
    expect(run.transitions[0]?.alertId).toBe(densityAlertId(CELL, T0))
    expect(run.state?.episode).toEqual({
      alertId: densityAlertId(CELL, T0),
      severity: 'warning',
      raisedAt: T0 + 30_000,
    })
  })

  it('needs only two observations 30 s apart, not a count of reports', () => {
    expect(summary(judgeAll([observe(0, WARNING), observe(30, WARNING)]).transitions)).toEqual([
      { type: 'raised', severity: 'warning', at: 30 },
    ])
  })

  it('restarts the run when the density dips below the band in between', () => {
    const run = judgeAll([...hold(WARNING, 0, 15), observe(20, BUSY), ...hold(WARNING, 25, 54)])

    expect(run.transitions).toEqual([])

    const later = judgeAll([observe(55, WARNING)], RULE, STANDING, run)

    expect(summary(later.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 55 }])
    expect(later.transitions[0]?.alertId).toBe(densityAlertId(CELL, T0 + 25_000))
  })

  it('raises nothing for a busy crowd however long it stays', () => {
    expect(judgeAll(hold(BUSY, 0, 600)).transitions).toEqual([])
  })

  it('raises with the worst band that has held for the sustain time', () => {
    const run = judgeAll([...hold(HIGH, 0, 5), ...hold(CRITICAL, 10, 30)])

    expect(summary(run.transitions)).toEqual([{ type: 'raised', severity: 'high', at: 30 }])
  })

  it('raises critical at once when every observation has been critical', () => {
    expect(summary(judgeAll(hold(CRITICAL, 0, 30)).transitions)).toEqual([
      { type: 'raised', severity: 'critical', at: 30 },
    ])
  })

  it('counts a worse band towards a milder one (critical keeps a warning run going)', () => {
    const run = judgeAll([observe(0, WARNING), observe(10, CRITICAL), observe(30, HIGH)])

    expect(summary(run.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 30 }])
  })

  it('raises from the band the settings choose', () => {
    const fromHigh = { ...RULE, raiseFrom: 'high' as const }

    expect(judgeAll(hold(WARNING, 0, 120), fromHigh).transitions).toEqual([])
    expect(summary(judgeAll(hold(HIGH, 0, 30), fromHigh).transitions)).toEqual([
      { type: 'raised', severity: 'high', at: 30 },
    ])
  })

  it('raises a doubtful density (above 12 p/m²) as critical', () => {
    const venue: Venue = {
      id: 'v',
      name: 'Test venue',
      timeZone: 'Europe/Paris',
      center: CHAMP_DE_MARS,
      operatingRadiusKm: 5,
      sectors: [
        {
          id: 'lawn',
          name: 'Lawn',
          kind: 'standing',
          area: squareAround(CHAMP_DE_MARS, 0.002),
          bandEdges: { busy: 4, warning: 8, high: 11, critical: 14 },
        },
      ],
      launchSites: [],
      landmarks: { type: 'FeatureCollection', features: [] },
    }
    const observer = createCellObserver(venue, { resolution: 11, bandTable: DEFAULT_BAND_TABLE })
    const report = (seconds: number): DroneReport => ({
      reportId: `r-${seconds}`,
      droneId: 'D-07',
      ts: T0 + seconds * 1000,
      ...CHAMP_DE_MARS,
      areaM2: 1000,
      people: 13_000,
    })
    const cells = [0, 15, 30].map((seconds) => observer.observe(report(seconds)))
    const edges = observer.bandEdgesOf(cells[0]!.cellId)
    const run = judgeAll(cells, RULE, edges)

    expect(summary(run.transitions)).toEqual([{ type: 'raised', severity: 'critical', at: 30 }])
    expect(run.transitions[0]?.cell.doubtful).toBe(true)
  })
})

describe('judgeDensity: worsening', () => {
  const raised = judgeAll(hold(WARNING, 0, 30))
  const alertId = densityAlertId(CELL, T0)

  it('raises the severity of the open alert in place, keeping its id', () => {
    const run = judgeAll(hold(HIGH, 35, 65), RULE, STANDING, raised)

    expect(run.transitions).toEqual([
      expect.objectContaining({ type: 'worsened', alertId, severity: 'high', previous: 'warning' }),
    ])
    expect(summary(run.transitions)).toEqual([{ type: 'worsened', severity: 'high', at: 65 }])
    expect(run.state?.episode).toMatchObject({ alertId, severity: 'high', raisedAt: T0 + 30_000 })
  })

  it('waits for the worse band to hold for the sustain time too', () => {
    expect(judgeAll(hold(HIGH, 35, 60), RULE, STANDING, raised).transitions).toEqual([])
  })

  it('keeps the severity when the crowd eases but stays above the clearing line', () => {
    const worse = judgeAll(hold(HIGH, 35, 65), RULE, STANDING, raised)
    const eased = judgeAll(hold(WARNING, 70, 200), RULE, STANDING, worse)

    expect(eased.transitions).toEqual([])
    expect(eased.state?.episode?.severity).toBe('high')
  })

  it('worsens straight to the worst band that held', () => {
    const run = judgeAll(hold(CRITICAL, 35, 65), RULE, STANDING, raised)

    expect(summary(run.transitions)).toEqual([{ type: 'worsened', severity: 'critical', at: 65 }])
  })
})

describe('judgeDensity: clearing (hysteresis)', () => {
  const raised = judgeAll(hold(WARNING, 0, 30))
  const alertId = densityAlertId(CELL, T0)

  it('resolves once the density has stayed below edge × (1 − margin) for the clear time', () => {
    const early = judgeAll(hold(BELOW_LINE, 40, 69), RULE, STANDING, raised)

    expect(early.transitions).toEqual([])

    const run = judgeAll([observe(70, BELOW_LINE)], RULE, STANDING, early)

    expect(run.transitions).toEqual([
      expect.objectContaining({ type: 'resolved', alertId, severity: 'warning' }),
    ])
    expect(summary(run.transitions)).toEqual([{ type: 'resolved', severity: 'warning', at: 70 }])
    expect(run.state?.episode).toBeNull()
  })

  it('keeps the alert open while the density sits between the clearing line and the edge', () => {
    const run = judgeAll(hold(BETWEEN_LINE_AND_EDGE, 35, 600), RULE, STANDING, raised)

    expect(run.transitions).toEqual([])
    expect(run.state?.episode?.alertId).toBe(alertId)
  })

  it('restarts the clearing run when the density climbs back above the line', () => {
    const run = judgeAll(
      [
        ...hold(BELOW_LINE, 40, 60),
        observe(65, BETWEEN_LINE_AND_EDGE),
        ...hold(BELOW_LINE, 70, 100),
      ],
      RULE,
      STANDING,
      raised,
    )

    expect(summary(run.transitions)).toEqual([{ type: 'resolved', severity: 'warning', at: 100 }])
  })

  it('clears against the raising band even after the alert worsened', () => {
    const worse = judgeAll(hold(CRITICAL, 35, 65), RULE, STANDING, raised)
    const run = judgeAll(hold(BUSY, 70, 100), RULE, STANDING, worse)

    expect(summary(run.transitions)).toEqual([{ type: 'resolved', severity: 'critical', at: 100 }])
  })

  it('uses the clearing line of the edges it is given (moving zone)', () => {
    const moving = DEFAULT_BAND_TABLE.moving
    const open = judgeAll([observe(0, 2.5, 'moving'), observe(30, 2.5, 'moving')], RULE, moving)

    expect(summary(open.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 30 }])

    const between = [40, 80].map((seconds) => observe(seconds, 2.0, 'moving'))

    expect(judgeAll(between, RULE, moving, open).transitions).toEqual([])

    const below = [90, 120].map((seconds) => observe(seconds, 1.9, 'moving'))

    expect(summary(judgeAll(below, RULE, moving, open).transitions)).toEqual([
      { type: 'resolved', severity: 'warning', at: 120 },
    ])
  })

  it('opens a new episode with a new id after a resolve', () => {
    const resolved = judgeAll(hold(BELOW_LINE, 40, 70), RULE, STANDING, raised)
    const again = judgeAll(hold(WARNING, 100, 130), RULE, STANDING, resolved)

    expect(summary(again.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 130 }])
    expect(again.transitions[0]?.alertId).toBe(densityAlertId(CELL, T0 + 100_000))
    expect(again.transitions[0]?.alertId).not.toBe(alertId)
  })
})

describe('judgeDensity: late observations', () => {
  const open = judgeAll(hold(WARNING, 0, 30))

  it('ignores an observation older than the last one judged', () => {
    const judgement = judgeDensity(open.state, observe(10, BELOW_LINE), STANDING, RULE)

    expect(judgement.transitions).toEqual([])
    expect(judgement.state).toBe(open.state)
  })

  it('ignores a redelivery of the last observation', () => {
    const judgement = judgeDensity(open.state, observe(30, CRITICAL), STANDING, RULE)

    expect(judgement.transitions).toEqual([])
    expect(judgement.state).toBe(open.state)
  })

  it('does not let a late critical observation raise anything', () => {
    const calm = judgeAll(hold(BUSY, 0, 60))
    const late = judgeAll([observe(20, CRITICAL), observe(50, CRITICAL)], RULE, STANDING, calm)

    expect(late.transitions).toEqual([])
  })
})

describe('judgeDensity: silences', () => {
  it('restarts the runs after a silence longer than maxGapMs', () => {
    const run = judgeAll([observe(0, WARNING), observe(121, WARNING)])

    expect(run.transitions).toEqual([])
    expect(run.state?.heldSince.warning).toBe(T0 + 121_000)

    const later = judgeAll([observe(151, WARNING)], RULE, STANDING, run)

    expect(summary(later.transitions)).toEqual([{ type: 'raised', severity: 'warning', at: 151 }])
  })

  it('keeps the run across a silence of exactly maxGapMs', () => {
    expect(summary(judgeAll([observe(0, WARNING), observe(120, WARNING)]).transitions)).toEqual([
      { type: 'raised', severity: 'warning', at: 120 },
    ])
  })

  it('restarts the clearing run too: one thin observation after a silence does not resolve', () => {
    const raised = judgeAll(hold(WARNING, 0, 30))
    const thinning = judgeAll([observe(40, BELOW_LINE)], RULE, STANDING, raised)
    const afterSilence = judgeAll([observe(200, BELOW_LINE)], RULE, STANDING, thinning)

    expect(afterSilence.transitions).toEqual([])
    expect(afterSilence.state?.episode?.alertId).toBe(densityAlertId(CELL, T0))

    const cleared = judgeAll([observe(230, BELOW_LINE)], RULE, STANDING, afterSilence)

    expect(summary(cleared.transitions)).toEqual([
      { type: 'resolved', severity: 'warning', at: 230 },
    ])
  })

  it('keeps the open alert through a silence', () => {
    const raised = judgeAll(hold(WARNING, 0, 30))
    const run = judgeAll([observe(500, WARNING)], RULE, STANDING, raised)

    expect(run.transitions).toEqual([])
    expect(run.state?.episode?.alertId).toBe(densityAlertId(CELL, T0))
  })
})

describe('judgeDensity: replay = live', () => {
  const densities = [0.5, BUSY, BELOW_LINE, BETWEEN_LINE_AND_EDGE, WARNING, HIGH, CRITICAL, 13]
  /** A cell's observations: seconds since the previous one (sometimes a long silence), and density. */
  const sequence = fc
    .array(
      fc.tuple(
        fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 100, max: 200 })),
        fc.constantFrom(...densities),
      ),
      { maxLength: 60 },
    )
    .map((steps) => {
      let seconds = 0

      return steps.map(([gap, density]) => observe((seconds += gap), density))
    })

  it('gives the same transitions and ids every time the same observations are judged', () => {
    fc.assert(
      fc.property(sequence, (cells) => {
        expect(judgeAll(cells)).toEqual(judgeAll(cells))
      }),
    )
  })

  it('gives the same transitions when some observations are redelivered late', () => {
    fc.assert(
      fc.property(sequence, fc.array(fc.nat(), { maxLength: 20 }), (cells, picks) => {
        const withRedeliveries = cells.flatMap((cell, index) => {
          const repeats = picks.filter((pick) => pick % Math.max(cells.length, 1) === index)

          return [cell, ...repeats.map((_, back) => cells[Math.max(0, index - back)]!)]
        })

        expect(judgeAll(withRedeliveries).transitions).toEqual(judgeAll(cells).transitions)
      }),
    )
  })

  it('keeps at most one episode open, never lowers its severity and never reuses an id', () => {
    fc.assert(
      fc.property(sequence, (cells) => {
        let open: { alertId: string; severity: string } | null = null
        const ids = new Set<string>()
        for (const transition of judgeAll(cells).transitions) {
          if (transition.type === 'raised') {
            expect(open).toBeNull()
            expect(ids.has(transition.alertId)).toBe(false)
            expect(bandRank(transition.severity)).toBeGreaterThanOrEqual(bandRank(RULE.raiseFrom))
            ids.add(transition.alertId)
            open = { alertId: transition.alertId, severity: transition.severity }
            continue
          }
          expect(transition.alertId).toBe(open?.alertId)
          if (transition.type === 'worsened') {
            expect(bandRank(transition.severity)).toBeGreaterThan(bandRank(transition.previous))
            open = { alertId: transition.alertId, severity: transition.severity }
          } else {
            open = null
          }
        }
      }),
    )
  })
})
