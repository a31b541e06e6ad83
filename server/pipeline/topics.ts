/** Topic names; a test may give its own so that runs never share a topic. */
export type Topics = {
  /** Every accepted report, keyed by drone: the history and the live state are built from it. */
  reports: string
  /** Every accepted report as the observation of its zone cell, keyed by cell, so that one
   *  member of the alerts group judges all of a cell's observations, whichever drone made them. */
  observations: string
  /** Refused reports with their reasons. */
  rejected: string
  /** Each alert's state after every step, keyed by alert. */
  alerts: string
  /** Coalesced changes of cells and drones, for every server instance to push to its browsers. */
  live: string
}

export const DEFAULT_TOPICS: Topics = {
  reports: 'drone.reports',
  observations: 'cell.observations',
  rejected: 'reports.rejected',
  alerts: 'crowd.alerts',
  live: 'crowd.live',
}

/** Consumer groups shared by every server instance: each record is handled once per group. */
export const GROUPS = {
  liveState: 'live-state',
  alerts: 'alerts',
  rejectedKeeper: 'rejected-keeper',
} as const

/** The group of one server instance that feeds its own browsers: every instance sees everything. */
export function feedGroup(instanceId: string): string {
  return `feed-${instanceId}`
}
