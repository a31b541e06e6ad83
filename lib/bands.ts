/** Crowd-density bands, from the calmest to the most dangerous. */
export const BANDS = ['normal', 'busy', 'warning', 'high', 'critical'] as const

export type Band = (typeof BANDS)[number]

/** Standing crowds tolerate more people per m² than crowds on the move. */
export type ZoneKind = 'standing' | 'moving'

/**
 * Lower edges, in persons per m², of the bands above `normal`. A density equal to an edge
 * belongs to the band that starts there.
 */
export type BandEdges = { busy: number; warning: number; high: number; critical: number }

export type BandTable = Record<ZoneKind, BandEdges>

/**
 * Defaults built from Fruin's levels of service, the Green Guide terrace maximum (4.7 p/m²)
 * and G. Keith Still's 4–5 p/m² instability threshold.
 */
export const DEFAULT_BAND_TABLE: BandTable = {
  standing: { busy: 2, warning: 3.5, high: 4.7, critical: 6 },
  moving: { busy: 1.1, warning: 2.2, high: 3.5, critical: 5 },
}

/** Classifies a density (p/m²) for a zone of the given kind. */
export function classifyDensity(density: number, kind: ZoneKind, table: BandTable): Band {
  const edges = table[kind]
  if (density >= edges.critical) return 'critical'
  if (density >= edges.high) return 'high'
  if (density >= edges.warning) return 'warning'
  if (density >= edges.busy) return 'busy'

  return 'normal'
}

/** Position of a band in the severity order: normal is 0, critical is 4. */
export function bandRank(band: Band): number {
  return BANDS.indexOf(band)
}

/** The lower edge of a band, in p/m²; `normal` starts at zero. */
export function bandLowerEdge(band: Band, kind: ZoneKind, table: BandTable): number {
  if (band === 'normal') return 0

  return table[kind][band]
}

/** Checks that a band table rises strictly within each zone kind; returns the problems found. */
export function findBandTableProblems(table: BandTable): string[] {
  if (typeof table !== 'object' || table === null) return ['must be an object']

  const problems: string[] = []
  for (const kind of ['standing', 'moving'] as const) {
    const edges = table[kind]
    if (typeof edges !== 'object' || edges === null) {
      problems.push(`${kind}: missing; give its busy, warning, high and critical edges`)
      continue
    }
    const ordered = [edges.busy, edges.warning, edges.high, edges.critical]
    if (ordered.some((edge) => !Number.isFinite(edge) || edge <= 0)) {
      problems.push(`${kind}: every band edge must be a positive number`)
    }
    for (let i = 1; i < ordered.length; i++) {
      if ((ordered[i] as number) <= (ordered[i - 1] as number)) {
        problems.push(`${kind}: band edges must rise from busy to critical`)
        break
      }
    }
  }

  return problems
}
