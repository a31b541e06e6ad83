import type { ArchivedHour } from '@/lib/archive-types'
import type { DroneReport } from '@/lib/report'

import type { ComponentHealth } from './health'

export type { ArchivedHour } from '@/lib/archive-types'

/** The hour as the lake holds it after a write, and how many rows that write added. */
export type HourWrite = ArchivedHour & { added: number }

/** Reports to write, all at once or page by page, so that no one must hold an hour at once. */
export type ReportPages = DroneReport[] | AsyncIterable<DroneReport[]>

/**
 * The data lake: closed hours of history as columnar files. A report is archived once, by
 * (droneId, reportId): writing reports the hour holds already adds nothing, and reports that
 * came late complete the hour as a new part. A part is never rewritten nor removed.
 */
export interface Archive {
  /**
   * Adds to the hour, as one new part, the given reports it does not hold yet, and reads the
   * part's row count back before the part counts as archived. Nothing new: no part is written.
   */
  writeHour(hour: number, reports: ReportPages): Promise<HourWrite>
  /** Every report of the hour, part after part. */
  readHour(hour: number): Promise<DroneReport[]>
  /** The hour with the rows and bytes of all its parts, or null when the lake holds none. */
  findHour(hour: number): Promise<ArchivedHour | null>
  /** Every archived hour, oldest first. */
  listHours(): Promise<ArchivedHour[]>
  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}

/** The data-lake folder of an hour, relative to the lake's root. */
export function describeHourPath(hour: number): string {
  const iso = new Date(hour).toISOString()

  return `date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`
}
