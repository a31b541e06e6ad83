import type { DroneReport } from '@/lib/report'

export const HOUR_MS = 3_600_000

/** Refuses an hour that does not start on a whole UTC hour: it has no folder of its own. */
export function checkHour(hour: number): void {
  if (Number.isInteger(hour) && hour % HOUR_MS === 0) return

  throw new Error(`an archived hour must start on a whole UTC hour, got ${hour}`)
}

/** A report filed under the wrong hour would be lost to anyone reading its real hour. */
export function checkReportsInHour(hour: number, reports: DroneReport[]): void {
  const stray = reports.find((report) => report.ts < hour || report.ts >= hour + HOUR_MS)
  if (!stray) return

  throw new Error(
    `report ${stray.reportId} at ${new Date(stray.ts).toISOString()} is outside the hour ` +
      `${new Date(hour).toISOString()}`,
  )
}
