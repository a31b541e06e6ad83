import type { ZoneKind } from '@/lib/bands'
import type { GeoPoint } from '@/lib/geo'

/** Keyframes of a density over the scenario loop: [second, persons per m²], first at 0. */
export type DensityCurve = readonly (readonly [seconds: number, density: number])[]

/** How the crowd of one sector changes over the loop, and where inside it people press closer. */
export type SectorCrowd = {
  curve: DensityCurve
  /** People crowd towards a point (the tower, the blocked end of a bridge): density × (1 + boost). */
  focus?: { point: GeoPoint; boost: number; reachM: number }
}

/** A time-compressed event: what the crowd does in each sector over one loop. */
export type CrowdScenario = {
  name: string
  periodMs: number
  sectors: Record<string, SectorCrowd>
  /** For sectors the scenario does not name (another venue file). */
  fallback: Record<ZoneKind, SectorCrowd>
  /** Sectors a drone must never leave unwatched: the bottleneck. */
  watchSectorIds: string[]
  /** Streets and squares outside every sector. */
  backgroundDensity: number
  /** Relative spread of the density from place to place inside a sector. */
  patchiness: number
  phases: { fromS: number; label: string }[]
}

const EIFFEL_TOWER: GeoPoint = { lat: 48.85822, lon: 2.2945 }
/** The Champ de Mars end of the Pont d'Iéna, where the crowd crossing from Trocadéro is held. */
const IENA_SOUTH_HEAD: GeoPoint = { lat: 48.85917, lon: 2.29292 }

const LAWNS_NEAR_TOWER: DensityCurve = [
  [0, 2.3],
  [120, 2.8],
  [240, 3.5],
  [300, 3.8],
  [400, 3.8],
  [450, 3],
  [530, 2.3],
  [600, 2.3],
]
const SIDE_ALLEYS: DensityCurve = [
  [0, 0.9],
  [120, 1.2],
  [240, 0.8],
  [400, 0.9],
  [440, 1.8],
  [480, 2.3],
  [520, 1.6],
  [560, 1],
  [600, 0.9],
]

/**
 * The 14 July fireworks at the Champ de Mars, compressed into a ten-minute loop so that a demo
 * shows every stage within minutes. The crowd crossing from Trocadéro backs up on the Pont
 * d'Iéna: warning from about 15 s (raised once it has held 30 s), high near 60 s, critical from
 * about 80 s, easing after 180 s. The fireworks fill the lawns from 240 s to 420 s; the crowd
 * then leaves along the alleys and quays, and the loop starts again at 600 s.
 */
export const BASTILLE_DAY_SCENARIO: CrowdScenario = {
  name: '14 July fireworks, Champ de Mars (10-minute loop)',
  periodMs: 600_000,
  sectors: {
    'pont-iena': {
      curve: [
        [0, 1.3],
        [20, 2.9],
        [55, 3.9],
        [95, 6.6],
        [150, 7],
        [180, 5.2],
        [215, 1.6],
        [245, 1.1],
        [420, 1.2],
        [470, 1.6],
        [540, 1.3],
        [600, 1.3],
      ],
      focus: { point: IENA_SOUTH_HEAD, boost: 0.2, reachM: 100 },
    },
    'champ-de-mars-north': {
      curve: LAWNS_NEAR_TOWER,
      focus: { point: EIFFEL_TOWER, boost: 0.12, reachM: 200 },
    },
    'champ-de-mars-central': {
      curve: [
        [0, 2.1],
        [120, 2.5],
        [240, 3.2],
        [300, 3.6],
        [400, 3.6],
        [450, 2.8],
        [530, 2.1],
        [600, 2.1],
      ],
    },
    'champ-de-mars-south': {
      curve: [
        [0, 1.8],
        [120, 2.2],
        [240, 2.8],
        [300, 3.2],
        [400, 3.2],
        [460, 2.4],
        [540, 1.8],
        [600, 1.8],
      ],
    },
    'alley-suffren': { curve: SIDE_ALLEYS },
    'alley-la-bourdonnais': { curve: SIDE_ALLEYS },
    'quai-branly': {
      curve: [
        [0, 1],
        [120, 1.4],
        [240, 0.9],
        [420, 1.1],
        [470, 1.9],
        [520, 1.5],
        [570, 1.1],
        [600, 1],
      ],
    },
    'trocadero-gardens': {
      curve: [
        [0, 2.2],
        [120, 2.6],
        [240, 3.3],
        [300, 3.7],
        [400, 3.7],
        [450, 2.9],
        [530, 2.2],
        [600, 2.2],
      ],
    },
    'trocadero-esplanade': {
      curve: [
        [0, 2.6],
        [120, 3],
        [240, 3.6],
        [300, 4],
        [400, 4],
        [450, 3.2],
        [530, 2.6],
        [600, 2.6],
      ],
    },
  },
  fallback: { standing: { curve: LAWNS_NEAR_TOWER }, moving: { curve: SIDE_ALLEYS } },
  watchSectorIds: ['pont-iena'],
  backgroundDensity: 0.3,
  patchiness: 0.1,
  phases: [
    { fromS: 0, label: "arrival; the crowd backs up on the Pont d'Iéna" },
    { fromS: 80, label: "crush risk on the Pont d'Iéna" },
    { fromS: 180, label: 'the bridge clears' },
    { fromS: 240, label: 'fireworks; lawns full' },
    { fromS: 420, label: 'departure along the alleys and quays' },
    { fromS: 540, label: 'calm before the next loop' },
  ],
}
