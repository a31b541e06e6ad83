import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import distance from '@turf/distance'
import type { MultiPolygon, Polygon } from 'geojson'

/** A WGS 84 position. */
export type GeoPoint = { lat: number; lon: number }

/** Great-circle distance between two positions, in kilometres. */
export function distanceKm(from: GeoPoint, to: GeoPoint): number {
  return distance([from.lon, from.lat], [to.lon, to.lat], { units: 'kilometers' })
}

/** Whether a position lies inside a GeoJSON polygon (edges count as inside). */
export function isInsideArea(point: GeoPoint, area: Polygon | MultiPolygon): boolean {
  return booleanPointInPolygon([point.lon, point.lat], area)
}
