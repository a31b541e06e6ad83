import bearing from '@turf/bearing'
import centroid from '@turf/centroid'
import type { Polygon } from 'geojson'

import { distanceKm, type GeoPoint } from './geo'

const COMPASS = [
  'north',
  'north-east',
  'east',
  'south-east',
  'south',
  'south-west',
  'west',
  'north-west',
]

/** Closer than this to a centre, a spot is simply "at" it. */
const AT_CENTRE_M = 15

/** The centre of a polygon, as a position. */
export function findAreaCentre(area: Polygon): GeoPoint {
  const [lon, lat] = centroid(area).geometry.coordinates as [number, number]

  return { lat, lon }
}

/**
 * Where a spot lies from a centre, the way it is said on the radio: "40 m north-west". Zone
 * cells of one sector then read apart in the alert feed, and an officer knows which end to go to.
 */
export function describeOffset(from: GeoPoint, to: GeoPoint): string {
  const metres = distanceKm(from, to) * 1000
  if (metres < AT_CENTRE_M) return 'at the centre'

  const heading = (bearing([from.lon, from.lat], [to.lon, to.lat]) + 360) % 360
  const direction = COMPASS[Math.round(heading / 45) % 8]
  const rounded = metres < 100 ? Math.round(metres / 5) * 5 : Math.round(metres / 10) * 10

  return `${rounded} m ${direction} of the centre`
}
