/** The survey camera's field of view; a 4:3 sensor looking straight down. */
export const CAMERA = { horizontalFovDeg: 40, verticalFovDeg: 30 } as const

const tanHalf = (degrees: number) => Math.tan((degrees * Math.PI) / 360)

/** Ground area the camera sees from an altitude, in m²: about 1,400 m² from 60 m up. */
export function measureFootprint(altitudeM: number): number {
  const width = 2 * altitudeM * tanHalf(CAMERA.horizontalFovDeg)
  const depth = 2 * altitudeM * tanHalf(CAMERA.verticalFovDeg)

  return width * depth
}
