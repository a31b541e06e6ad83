import type { Polygon, MultiPolygon } from 'geojson'

import { isInsideArea, type GeoPoint } from '@/lib/geo'
import { findSector, type Venue } from '@/lib/venue'

import type { CrowdScenario, DensityCurve, SectorCrowd } from './crowd-scenario'
import { createLocalFrame, measureDistance } from './local-frame'
import type { SeededNoise } from './seeded-noise'

/** The true crowd: persons per m² at a place and a moment of the scenario. */
export type CrowdModel = {
  densityAt(point: GeoPoint, scenarioMs: number): number
  /** The stage of the scenario at a moment, for people watching a terminal. */
  describePhase(scenarioMs: number): string
}

/** Builds the true-crowd model of a scenario over a venue; the seed moves the dense patches. */
export function createCrowdModel(
  venue: Venue,
  scenario: CrowdScenario,
  noise: SeededNoise,
): CrowdModel {
  const frame = createLocalFrame(venue.center)
  const water = venue.landmarks.features.flatMap((feature) => {
    const geometry = feature.geometry
    const isArea = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon'

    return feature.properties?.kind === 'water' && isArea
      ? [geometry as Polygon | MultiPolygon]
      : []
  })
  const phaseX = noise.uniform(0xc0, 1) * 2 * Math.PI
  const phaseY = noise.uniform(0xc0, 2) * 2 * Math.PI

  function crowdOf(sectorId: string, kind: 'standing' | 'moving'): SectorCrowd {
    return scenario.sectors[sectorId] ?? scenario.fallback[kind]
  }

  function densityAt(point: GeoPoint, scenarioMs: number): number {
    const sector = findSector(venue, point)
    if (!sector) {
      return water.some((area) => isInsideArea(point, area)) ? 0 : scenario.backgroundDensity
    }

    const crowd = crowdOf(sector.id, sector.kind)
    const seconds = wrap(scenarioMs, scenario.periodMs) / 1000
    const here = frame.toFrame(point)
    // Slow waves across the ground make some cells of a sector busier than others.
    const patch =
      1 + scenario.patchiness * Math.sin(here.x / 57 + phaseX) * Math.sin(here.y / 83 + phaseY)

    return readCurve(crowd.curve, seconds) * patch * readFocus(crowd, here)
  }

  function readFocus(crowd: SectorCrowd, here: { x: number; y: number }): number {
    if (!crowd.focus) return 1

    const metres = measureDistance(here, frame.toFrame(crowd.focus.point))

    return 1 + crowd.focus.boost * Math.exp(-metres / crowd.focus.reachM)
  }

  function describePhase(scenarioMs: number): string {
    const seconds = wrap(scenarioMs, scenario.periodMs) / 1000
    let label = scenario.phases[0]?.label ?? ''
    for (const phase of scenario.phases) if (seconds >= phase.fromS) label = phase.label

    return label
  }

  return { densityAt, describePhase }
}

/** Reads a keyframed curve at a second of the loop, easing between keyframes. */
export function readCurve(curve: DensityCurve, seconds: number): number {
  const first = curve[0]
  if (!first) return 0
  if (seconds <= first[0]) return first[1]

  for (let i = 1; i < curve.length; i++) {
    const [toS, toDensity] = curve[i] as readonly [number, number]
    if (seconds > toS) continue

    const [fromS, fromDensity] = curve[i - 1] as readonly [number, number]
    const t = (seconds - fromS) / (toS - fromS)
    const eased = t * t * (3 - 2 * t)

    return fromDensity + (toDensity - fromDensity) * eased
  }

  return (curve[curve.length - 1] as readonly [number, number])[1]
}

function wrap(value: number, period: number): number {
  return ((value % period) + period) % period
}
