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

export type Groups = { [K in keyof typeof GROUPS]: string }

/**
 * Topic and group names under a namespace (`night-14-july.drone.reports`), so that several
 * deployments, or test runs, share one Kafka cluster without sharing data. No namespace keeps
 * the plain names of DESIGN.md.
 */
export function nameTopicsAndGroups(namespace: string): {
  topics: Topics
  groups: Groups
  prefix: string
} {
  const prefix = namespace ? `${namespace}.` : ''
  const prefixAll = <T extends Record<string, string>>(names: T) =>
    Object.fromEntries(Object.entries(names).map(([key, name]) => [key, `${prefix}${name}`])) as T

  return { topics: prefixAll(DEFAULT_TOPICS), groups: prefixAll({ ...GROUPS }), prefix }
}

/** The group of one server instance that feeds its own browsers: every instance sees everything. */
export function feedGroup(prefix: string, instanceId: string): string {
  return `${prefix}feed-${instanceId}`
}
