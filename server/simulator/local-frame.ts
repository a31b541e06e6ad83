import type { GeoPoint } from '@/lib/geo'

/** A position in metres east (x) and north (y) of the frame's origin. */
export type FramePoint = { x: number; y: number }

export type LocalFrame = {
  toFrame(point: GeoPoint): FramePoint
  toGeo(point: FramePoint): GeoPoint
}

const METRES_PER_DEGREE_LAT = 111_195

/**
 * A flat east/north frame around a venue. Over a few kilometres the equirectangular error is
 * far below a metre, and flying in metres keeps the drone physics simple.
 */
export function createLocalFrame(origin: GeoPoint): LocalFrame {
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((origin.lat * Math.PI) / 180)

  return {
    toFrame: (point) => ({
      x: (point.lon - origin.lon) * metresPerDegreeLon,
      y: (point.lat - origin.lat) * METRES_PER_DEGREE_LAT,
    }),
    toGeo: (point) => ({
      lat: origin.lat + point.y / METRES_PER_DEGREE_LAT,
      lon: origin.lon + point.x / metresPerDegreeLon,
    }),
  }
}

/** Straight-line distance between two frame points, in metres. */
export function measureDistance(from: FramePoint, to: FramePoint): number {
  return Math.hypot(to.x - from.x, to.y - from.y)
}

/** Compass heading from one frame point to another: 0 is north, 90 east, always in [0, 360). */
export function measureHeading(from: FramePoint, to: FramePoint): number {
  const degrees = (Math.atan2(to.x - from.x, to.y - from.y) * 180) / Math.PI

  return (degrees + 360) % 360
}
