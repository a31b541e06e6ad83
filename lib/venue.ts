import type { FeatureCollection, Polygon } from 'geojson'

import type { BandEdges, ZoneKind } from './bands'
import { isInsideArea, type GeoPoint } from './geo'

/** A named part of the venue; its kind picks the band table its cells are judged by. */
export type Sector = {
  id: string
  name: string
  kind: ZoneKind
  area: Polygon
  /** Band edges for this sector only, where it differs from the venue-wide table. */
  bandEdges?: BandEdges
}

/** Where drones take off, land and change batteries. */
export type LaunchSite = { id: string; name: string; position: GeoPoint }

/** The public place being watched: its sectors, launch sites and a sketch for the offline map. */
export type Venue = {
  id: string
  name: string
  /** IANA time zone of the event; times on screen are shown in it. */
  timeZone: string
  center: GeoPoint
  /** Reports farther than this from the centre are refused as misplaced. */
  operatingRadiusKm: number
  sectors: Sector[]
  launchSites: LaunchSite[]
  /** River, buildings, paths: drawn under the cells when no online basemap is configured. */
  landmarks: FeatureCollection
}

/** The sector that contains a position, if any. */
export function findSector(venue: Venue, point: GeoPoint): Sector | undefined {
  return venue.sectors.find((sector) => isInsideArea(point, sector.area))
}
