import type { Band } from './bands'

/** What an alert is about. Zone-not-observed and drone-health kinds join with the lifecycle work. */
export type AlertKind = 'density'

export type AlertStatus = 'open' | 'acknowledged' | 'resolved'

/** An officer told of an alert, with the contacts staff need to reach them. */
export type NotifiedOfficer = {
  officerId: string
  name: string
  rank: string
  phone: string
  radio: string
}

export type Acknowledgement = { officerId: string; name: string; at: number }

/**
 * One alert: at most one is open per (zone, kind). Its id is derived from the rule, the zone
 * and the start of the episode, so a replayed or redelivered report can never make a second one.
 */
export type Alert = {
  alertId: string
  kind: AlertKind
  cellId: string
  sectorId: string | null
  lat: number
  lon: number
  severity: Band
  status: AlertStatus
  /** Event time at which the rule fired. */
  raisedAt: number
  /** Event time of the last rule step (raised, worsened, resolved). */
  updatedAt: number
  resolvedAt: number | null
  peakDensity: number
  doubtful: boolean
  stationId: string | null
  stationName: string | null
  /** How the station was chosen: its jurisdiction holds the zone, or it is the nearest one. */
  routedBy: 'jurisdiction' | 'nearest' | null
  notified: NotifiedOfficer[]
  acknowledgement: Acknowledgement | null
  /** Increases with every step of every alert, so a browser can keep the newest copy. */
  seq: number
}

export type AlertStepKind = 'raised' | 'worsened' | 'notified' | 'acknowledged' | 'resolved'

/** One step in an alert's life, kept in the history as its audit trail. */
export type AlertStep = {
  stepId: string
  alertId: string
  step: AlertStepKind
  /** When it happened: event time for rule steps, server time for human ones. */
  at: number
  severity: Band
  /** Who took the step: an officer id, or `rule` for the alert rules. */
  actor: string
  detail: string
}
