import type { Alert } from './alert'
import type { CellState } from './cell-state'
import type { DroneState } from './drone-state'

/** Which alerts a browser wants: all of them (command center) or one station's (officer). */
export type FeedScope = { scope: 'staff' } | { scope: 'station'; stationId: string }

/** Broadcasts from the server, past tense. */
export interface ServerToClientEvents {
  /** Cells whose state changed since the last push, sent at most once per push interval. */
  'cells:updated': (cells: CellState[]) => void
  /** Drones whose state changed since the last push. */
  'drones:updated': (drones: DroneState[]) => void
  /** An alert was raised or changed; sent at once, never held behind a cell push. */
  'alert:changed': (alert: Alert) => void
}

/** Requests from the browser, imperative. */
export interface ClientToServerEvents {
  /** Choose the alerts this connection receives; answers once the choice is in force. */
  'feed:subscribe': (
    feed: FeedScope,
    done: (result: { ok: boolean; error?: string }) => void,
  ) => void
}
