import type { Alert, AlertStep } from './alert'
import type { ArchivedHour, ArchiveRun } from './archive-types'
import type { BandTable } from './bands'
import type { CellState } from './cell-state'
import type { Officer, Station } from './directory'
import type { DroneState } from './drone-state'
import type { Venue } from './venue'

/** Bodies of the HTTP API, shared by the route handlers and the pages. */

export type ReportsAccepted = {
  accepted: number
  rejected: { index: number; reason: string }[]
}

export type CellsSnapshot = { cells: CellState[]; serverTime: number }
export type DronesSnapshot = { drones: DroneState[]; serverTime: number }
export type AlertsSnapshot = { alerts: Alert[]; serverTime: number }
export type AlertDetail = { alert: Alert; steps: AlertStep[] }

/** What the map needs to draw the venue and judge freshness. */
export type VenueSnapshot = {
  venue: Venue
  bandTable: BandTable
  cellResolution: number
  /** A cell or drone older than this is drawn as stale. */
  staleAfterMs: number
}

export type StationSummary = Omit<Station, 'jurisdiction'>
export type StationsSnapshot = { stations: StationSummary[] }
export type OfficersSnapshot = { officers: Officer[]; onDuty: string[] }

/** GET /api/archive: the run going on or the last one, and every hour the lake holds. */
export type ArchiveSnapshot = { run: ArchiveRun | null; hours: ArchivedHour[] }
/** POST /api/archive: the run just started, or the one already going on. */
export type ArchiveStarted = { run: ArchiveRun | null }

export type HealthComponent = { name: string; state: 'up' | 'lagging' | 'down'; detail: string }
export type HealthGroup = {
  groupId: string
  topic: string
  state: string
  lag: number
  handled: number
  lastCommitAt: number | null
  lastError: string | null
}
export type HealthReport = {
  status: 'up' | 'degraded' | 'down'
  serverTime: number
  startedAt: number
  components: HealthComponent[]
  groups: HealthGroup[]
  counts: { accepted: number; rejected: number }
  simulator: { running: boolean; drones: number } | null
}

/** The error body every failing API call returns: a code from a closed set and a safe message. */
export type ApiErrorBody = { error: { code: string; message: string } }
