import type { LngLatBoundsLike } from 'maplibre-gl'
import type { Position } from 'geojson'

import type { Venue } from '@/lib/venue'

/** The box that holds every sector and launch site, or the area around the centre if none. */
export function findVenueBounds(venue: Venue): LngLatBoundsLike {
  const points: Position[] = []
  for (const sector of venue.sectors) {
    for (const ring of sector.area.coordinates) points.push(...ring)
  }
  for (const site of venue.launchSites) points.push([site.position.lon, site.position.lat])

  if (points.length === 0) {
    const span = 0.004

    return [
      [venue.center.lon - span, venue.center.lat - span],
      [venue.center.lon + span, venue.center.lat + span],
    ]
  }

  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const [lon = 0, lat = 0] of points) {
    west = Math.min(west, lon)
    east = Math.max(east, lon)
    south = Math.min(south, lat)
    north = Math.max(north, lat)
  }

  return [
    [west, south],
    [east, north],
  ]
}
