import { bandRank, BANDS, type Band, type BandEdges } from './bands'
import type { CellState } from './cell-state'

export type DensityRuleSettings = {
  /** The lowest band that raises an alert. */
  raiseFrom: Exclude<Band, 'normal'>
  /** How long, in event time, a band must hold before it raises (or worsens) an alert. */
  sustainMs: number
  /** How long the density must stay below the clearing line before the alert resolves. */
  clearMs: number
  /** The clearing line sits this fraction below the raising band's lower edge (hysteresis). */
  clearMargin: number
  /** A longer silence between two observations of a cell restarts every run. */
  maxGapMs: number
}

export const DEFAULT_DENSITY_RULE: DensityRuleSettings = {
  raiseFrom: 'warning',
  sustainMs: 30_000,
  clearMs: 30_000,
  clearMargin: 0.1,
  maxGapMs: 120_000,
}

/** The episode the rule has open for a cell. */
export type OpenEpisode = { alertId: string; severity: Band; raisedAt: number }

/** What the density rule remembers about one cell between observations. */
export type DensityRuleState = {
  cellId: string
  /** Event time of the newest observation judged; older ones are ignored. */
  lastTs: number
  /** Per band at or above `raiseFrom`: since when every observation has been at least that bad. */
  heldSince: Partial<Record<Band, number>>
  /** Since when the density has stayed below the clearing line, while an episode is open. */
  clearSince: number | null
  episode: OpenEpisode | null
}

export type DensityTransition =
  | { type: 'raised'; alertId: string; severity: Band; at: number; cell: CellState }
  | {
      type: 'worsened'
      alertId: string
      severity: Band
      previous: Band
      at: number
      cell: CellState
    }
  | { type: 'resolved'; alertId: string; severity: Band; at: number; cell: CellState }

export type DensityJudgement = { state: DensityRuleState; transitions: DensityTransition[] }

/** The deterministic id of a density episode: rule, zone and the event time it began. */
export function densityAlertId(cellId: string, episodeStart: number): string {
  return `density:${cellId}:${episodeStart}`
}

/**
 * Judges one cell observation on event time, so that replaying reports gives the alerts they
 * gave live. A band raises an alert once it has held for the sustain time; a worse band that
 * holds raises the same alert's severity; the alert resolves after the density has stayed below
 * the raising band, less a margin, for the clear time.
 */
export function judgeDensity(
  previous: DensityRuleState | undefined,
  cell: CellState,
  edges: BandEdges,
  settings: DensityRuleSettings,
): DensityJudgement {
  if (previous && cell.ts <= previous.lastTs) return { state: previous, transitions: [] }

  const restart = !previous || cell.ts - previous.lastTs > settings.maxGapMs
  const heldSince = trackHeldBands(restart ? {} : previous.heldSince, cell, settings)
  const state: DensityRuleState = {
    cellId: cell.cellId,
    lastTs: cell.ts,
    heldSince,
    // The clearing run is a run too: after a silence nothing says the crowd stayed thin.
    clearSince: restart ? null : previous.clearSince,
    episode: previous?.episode ?? null,
  }
  const sustained = findSustainedBand(heldSince, cell.ts, settings)

  if (!state.episode) return openEpisode(state, sustained, cell)

  return continueEpisode(state, state.episode, sustained, cell, edges, settings)
}

function trackHeldBands(
  previous: Partial<Record<Band, number>>,
  cell: CellState,
  settings: DensityRuleSettings,
): Partial<Record<Band, number>> {
  const held: Partial<Record<Band, number>> = {}
  for (const band of BANDS) {
    if (bandRank(band) < bandRank(settings.raiseFrom)) continue
    if (bandRank(cell.band) < bandRank(band)) continue
    held[band] = previous[band] ?? cell.ts
  }

  return held
}

function findSustainedBand(
  heldSince: Partial<Record<Band, number>>,
  now: number,
  settings: DensityRuleSettings,
): Band | null {
  let worst: Band | null = null
  for (const band of BANDS) {
    const since = heldSince[band]
    if (since !== undefined && now - since >= settings.sustainMs) worst = band
  }

  return worst
}

function openEpisode(state: DensityRuleState, sustained: Band | null, cell: CellState) {
  if (!sustained) return { state, transitions: [] }

  const episodeStart = state.heldSince[sustained] ?? cell.ts
  const alertId = densityAlertId(cell.cellId, episodeStart)
  const episode = { alertId, severity: sustained, raisedAt: cell.ts }
  const transitions: DensityTransition[] = [
    { type: 'raised', alertId, severity: sustained, at: cell.ts, cell },
  ]

  return { state: { ...state, episode, clearSince: null }, transitions }
}

function continueEpisode(
  state: DensityRuleState,
  episode: OpenEpisode,
  sustained: Band | null,
  cell: CellState,
  edges: BandEdges,
  settings: DensityRuleSettings,
): DensityJudgement {
  const clearingLine = edges[settings.raiseFrom] * (1 - settings.clearMargin)
  if (cell.density < clearingLine) {
    const clearSince = state.clearSince ?? cell.ts
    if (cell.ts - clearSince < settings.clearMs) {
      return { state: { ...state, clearSince }, transitions: [] }
    }

    const resolved: DensityTransition = {
      type: 'resolved',
      alertId: episode.alertId,
      severity: episode.severity,
      at: cell.ts,
      cell,
    }

    return { state: { ...state, clearSince: null, episode: null }, transitions: [resolved] }
  }

  const calm = { ...state, clearSince: null }
  if (!sustained || bandRank(sustained) <= bandRank(episode.severity)) {
    return { state: calm, transitions: [] }
  }

  const worsened: DensityTransition = {
    type: 'worsened',
    alertId: episode.alertId,
    severity: sustained,
    previous: episode.severity,
    at: cell.ts,
    cell,
  }

  return {
    state: { ...calm, episode: { ...episode, severity: sustained } },
    transitions: [worsened],
  }
}
