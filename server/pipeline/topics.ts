/** Topic names of DESIGN.md; a test may give its own so that runs never share a topic. */
export type Topics = { reports: string; rejected: string; alerts: string }

export const DEFAULT_TOPICS: Topics = {
  reports: 'drone.reports',
  rejected: 'reports.rejected',
  alerts: 'crowd.alerts',
}

/** Consumer group names of DESIGN.md. */
export const GROUPS = {
  liveState: 'live-state',
  alerts: 'alerts',
  rejectedKeeper: 'rejected-keeper',
} as const
