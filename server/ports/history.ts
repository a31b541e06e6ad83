import type { AlertStep, AlertStepKind } from '@/lib/alert'
import type { DroneReport } from '@/lib/report'

import type { ComponentHealth } from './health'

/** A report refused at the door, kept with its reason so nothing is dropped silently. */
export type RejectedReport = {
  /** Unique per rejected item and stable across redelivery. */
  rejectId: string
  receivedAt: number
  /** Where it came in: `api`, `simulator`, `replay`. */
  source: string
  /** Its position in the request body it came in. */
  index: number
  reason: string
  /** The raw text of the item, cut to a bounded length. */
  raw: string
  /** The size of the raw item before it was cut. */
  rawBytes: number
}

/** An event-time range, `from` included and `to` excluded, epoch ms. */
export type TimeRange = { from: number; to: number }

export type ReportPage = { reports: DroneReport[]; next: string | null }

/** A whole UTC hour of event time and how many reports the history holds for it. */
export type ReportHour = { hour: number; rows: number }

/**
 * The 24 h history: every accepted report, every alert step and every refused report.
 * Writes are idempotent by id, so a redelivered message stores nothing twice. A report's id is
 * (droneId, reportId): report ids are only unique per drone, so two drones may send the same one
 * and both reports are kept. Rows expire by the time they were written (a TTL), not by their
 * event time, and disappear as a whole, never leaving half a row behind.
 */
export interface History {
  /** Stores each report once per (droneId, reportId); a report stored already is left as it is. */
  appendReports(reports: DroneReport[]): Promise<void>
  /** Reports of a time range in (ts, reportId, droneId) order, a page at a time. */
  readReports(range: TimeRange, page: { after: string | null; limit: number }): Promise<ReportPage>
  countReports(range: TimeRange): Promise<number>
  /**
   * Every hour of event time, on whole UTC hours, that holds at least one report, oldest
   * first, with its count. Old event times count too: a replayed night stays until it expires.
   */
  listReportHours(): Promise<ReportHour[]>

  appendAlertSteps(steps: AlertStep[]): Promise<void>
  /** The steps of one alert, oldest first, in the order of `compareAlertSteps`. */
  readAlertSteps(alertId: string): Promise<AlertStep[]>

  appendRejected(rejects: RejectedReport[]): Promise<void>
  /** Newest first. */
  listRejected(limit: number): Promise<RejectedReport[]>
  countRejected(): Promise<number>

  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}

const LIFECYCLE: AlertStepKind[] = ['raised', 'worsened', 'notified', 'acknowledged', 'resolved']

/**
 * Orders the steps of an alert: by time, then, for steps of one instant (a raise and its
 * notification share an event time), by their place in the lifecycle, then by step id.
 */
export function compareAlertSteps(a: AlertStep, b: AlertStep): number {
  if (a.at !== b.at) return a.at - b.at

  const byLifecycle = LIFECYCLE.indexOf(a.step) - LIFECYCLE.indexOf(b.step)
  if (byLifecycle !== 0) return byLifecycle
  if (a.stepId === b.stepId) return 0

  return a.stepId < b.stepId ? -1 : 1
}
