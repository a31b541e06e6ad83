import {
  cellArea,
  cellToBoundary,
  cellToLatLng,
  isValidCell,
  latLngToCell,
  polygonToCells,
} from 'h3-js'
import type { Polygon } from 'geojson'

import type { GeoPoint } from './geo'

/**
 * H3 resolution 11 cells average about 2,150 m², the nearest size to one drone scan
 * (roughly 1,000–2,000 m² from 50–70 m up), so one report usually describes one cell.
 */
export const DEFAULT_CELL_RESOLUTION = 11

/** The id of the zone cell that contains a position. */
export function findCell(point: GeoPoint, resolution: number): string {
  return latLngToCell(point.lat, point.lon, resolution)
}

/** Whether a string is a valid zone-cell id. */
export function isCellId(value: string): boolean {
  return isValidCell(value)
}

/** The centre of a zone cell. */
export function findCellCenter(cellId: string): GeoPoint {
  const [lat, lon] = cellToLatLng(cellId)

  return { lat, lon }
}

/** The outline of a zone cell as a closed GeoJSON ring of [lon, lat] pairs. */
export function traceCellOutline(cellId: string): [number, number][] {
  const ring = cellToBoundary(cellId, true) as [number, number][]
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first)

  return ring
}

/** The ground area of a zone cell, in m². */
export function measureCellArea(cellId: string): number {
  return cellArea(cellId, 'm2')
}

/** The zone cells whose centres fall inside a polygon. */
export function listCellsInside(area: Polygon, resolution: number): string[] {
  return polygonToCells(area.coordinates, resolution, true)
}
