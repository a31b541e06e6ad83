import type { DroneReport } from '@/lib/report'

import type { ComponentHealth } from './health'

/** One closed hour in the data lake, laid out as `date=YYYY-MM-DD/hour=HH` (UTC). */
export type ArchivedHour = {
  /** Start of the hour, epoch ms, on a whole UTC hour. */
  hour: number
  path: string
  rows: number
  bytes: number
}

/**
 * The data lake: closed hours of history as columnar files. An hour is written once; writing
 * an hour that is already there replaces nothing and duplicates nothing.
 */
export interface Archive {
  /**
   * Writes the reports of one closed hour and reads the row count back before answering; an
   * hour already archived is left as it is and its existing entry returned.
   */
  writeHour(hour: number, reports: DroneReport[]): Promise<ArchivedHour>
  readHour(hour: number): Promise<DroneReport[]>
  findHour(hour: number): Promise<ArchivedHour | null>
  listHours(): Promise<ArchivedHour[]>
  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}

/** The data-lake folder of an hour, relative to the lake's root. */
export function describeHourPath(hour: number): string {
  const iso = new Date(hour).toISOString()

  return `date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`
}
