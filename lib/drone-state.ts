import type { DroneReport } from './report'

/** The latest known position and health of one drone. */
export type DroneState = {
  droneId: string
  ts: number
  lat: number
  lon: number
  cellId: string
  battery: number | null
  speedMs: number | null
  tempC: number | null
  altitudeM: number | null
  headingDeg: number | null
  reportId: string
}

/** The drone state a report describes. */
export function describeDrone(report: DroneReport, cellId: string): DroneState {
  return {
    droneId: report.droneId,
    ts: report.ts,
    lat: report.lat,
    lon: report.lon,
    cellId,
    battery: report.battery ?? null,
    speedMs: report.speedMs ?? null,
    tempC: report.tempC ?? null,
    altitudeM: report.altitudeM ?? null,
    headingDeg: report.headingDeg ?? null,
    reportId: report.reportId,
  }
}
