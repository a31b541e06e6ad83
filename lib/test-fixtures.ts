// Hand-made places near the Champ de Mars for the unit tests of lib/; not the venue seed.
import type { Polygon } from 'geojson'

import type { GeoPoint } from './geo'

export const CHAMP_DE_MARS: GeoPoint = { lat: 48.8556, lon: 2.2986 }
export const EIFFEL_TOWER: GeoPoint = { lat: 48.8584, lon: 2.2945 }
export const NOTRE_DAME: GeoPoint = { lat: 48.853, lon: 2.3499 }

/** A square of the given half-side, in degrees, around a centre, as a GeoJSON polygon. */
export function squareAround(center: GeoPoint, halfDeg: number): Polygon {
  const { lat, lon } = center

  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - halfDeg, lat - halfDeg],
        [lon + halfDeg, lat - halfDeg],
        [lon + halfDeg, lat + halfDeg],
        [lon - halfDeg, lat + halfDeg],
        [lon - halfDeg, lat - halfDeg],
      ],
    ],
  }
}
