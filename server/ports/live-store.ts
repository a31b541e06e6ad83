import type { Alert } from '@/lib/alert'
import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'

import type { ComponentHealth } from './health'

/**
 * A change to some fields of one alert. Only the fields given are written, so an officer's
 * acknowledgement and the rules' severity change never overwrite each other.
 */
export type AlertPatch = Partial<Alert> & Pick<Alert, 'alertId' | 'seq'>

export type AlertQuery = {
  stationId?: string
  /** Only alerts that are open or acknowledged. */
  unresolvedOnly?: boolean
  /** Only alerts whose `updatedAt` or acknowledgement is at or after this instant. */
  changedSince?: number
  limit?: number
}

/** A rule's memory for one key (a cell, a drone), kept so a restart resumes where it stopped. */
export type RuleState = { key: string; state: unknown }

/**
 * The live state: the latest crowd per cell, the latest state per drone, and the alerts.
 * "Latest" is the greatest event time: writing an older state than the stored one changes
 * nothing, whatever the order of arrival.
 */
export interface LiveStore {
  upsertCells(cells: CellState[]): Promise<void>
  listCells(): Promise<CellState[]>
  upsertDrones(drones: DroneState[]): Promise<void>
  listDrones(): Promise<DroneState[]>

  /**
   * Writes the fields each patch carries and no other, creating the alert when it is new. The
   * stored `seq` is the greatest one written, so a slower writer never makes an alert look older.
   */
  patchAlerts(patches: AlertPatch[]): Promise<void>
  getAlert(alertId: string): Promise<Alert | null>
  /** Newest first by `raisedAt`. */
  listAlerts(query: AlertQuery): Promise<Alert[]>

  saveRuleStates(rule: string, states: RuleState[]): Promise<void>
  loadRuleStates(rule: string): Promise<RuleState[]>

  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}
