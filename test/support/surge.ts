/** A place on the Champ de Mars central lawns (a standing zone of the 7th arrondissement). */
export const CHAMP_DE_MARS = { lat: 48.8556, lon: 2.2986 }

/**
 * Reports of one drone hovering over one spot with a steady crowd, every `stepMs` of event
 * time from `fromTs`: enough of them cover the 30 s sustain time of the alert rule.
 */
export function buildSurge(options: {
  droneId: string
  fromTs: number
  count: number
  stepMs?: number
  people: number
  areaM2?: number
  lat?: number
  lon?: number
}) {
  const stepMs = options.stepMs ?? 5000

  return Array.from({ length: options.count }, (_, i) => ({
    droneId: options.droneId,
    ts: new Date(options.fromTs + i * stepMs).toISOString(),
    lat: options.lat ?? CHAMP_DE_MARS.lat,
    lon: options.lon ?? CHAMP_DE_MARS.lon,
    areaM2: options.areaM2 ?? 1250,
    people: options.people,
    battery: 80 - i * 0.1,
    speedMs: 0.5,
    tempC: 38,
  }))
}
