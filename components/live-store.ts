import type { Alert } from '@/lib/alert'
import { bandRank } from '@/lib/bands'
import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'
import { supersedes } from '@/lib/live-state'

/** What changed in one flush, so the map can redraw only those cells and drones. */
export type LiveChange = {
  cellIds: string[]
  droneIds: string[]
  alertIds: string[]
}

type Kind = 'cells' | 'drones' | 'alerts'

/**
 * The browser's copy of the live state: the newest cell and drone by event time, the newest
 * alert by sequence. Snapshots and socket events both land here and are merged by the same
 * rule, so their arrival order never matters. Listeners hear about changes at most once per
 * animation frame, however many events arrived in between.
 */
export function createLiveStore() {
  const cells = new Map<string, CellState>()
  const drones = new Map<string, DroneState>()
  const alerts = new Map<string, Alert>()
  /** When an alert appeared or got worse after the first snapshot: the feed highlights it. */
  const alertNoticedAt = new Map<string, number>()

  const pending: Record<Kind, Set<string>> = {
    cells: new Set(),
    drones: new Set(),
    alerts: new Set(),
  }
  // Keys that live events touched since the running resync began: a snapshot taken before
  // them must not undo them.
  const touched: Record<Kind, Set<string>> = {
    cells: new Set(),
    drones: new Set(),
    alerts: new Set(),
  }
  const renderListeners = new Set<() => void>()
  const changeListeners = new Set<(change: LiveChange) => void>()

  let version = 0
  let frame: number | null = null
  let clockOffsetMs = 0
  let newestReportTs: number | null = null
  let alertsPrimed = false

  function scheduleFlush() {
    if (frame !== null) return
    frame = requestAnimationFrame(flush)
  }

  function flush() {
    frame = null
    const change: LiveChange = {
      cellIds: [...pending.cells],
      droneIds: [...pending.drones],
      alertIds: [...pending.alerts],
    }
    pending.cells.clear()
    pending.drones.clear()
    pending.alerts.clear()
    version++

    for (const listener of changeListeners) listener(change)
    for (const listener of renderListeners) listener()
  }

  function noteReport(ts: number) {
    if (newestReportTs === null || ts > newestReportTs) newestReportTs = ts
  }

  function acceptCell(cell: CellState): boolean {
    if (!supersedes(cell, cells.get(cell.cellId))) return false
    cells.set(cell.cellId, cell)
    pending.cells.add(cell.cellId)
    noteReport(cell.ts)

    return true
  }

  function acceptDrone(drone: DroneState): boolean {
    if (!supersedes(drone, drones.get(drone.droneId))) return false
    drones.set(drone.droneId, drone)
    pending.drones.add(drone.droneId)
    noteReport(drone.ts)

    return true
  }

  function acceptAlert(alert: Alert): boolean {
    const current = alerts.get(alert.alertId)
    if (current && current.seq >= alert.seq) return false

    const worsened = current && bandRank(alert.severity) > bandRank(current.severity)
    if (alertsPrimed && (!current || worsened)) alertNoticedAt.set(alert.alertId, Date.now())
    alerts.set(alert.alertId, alert)
    pending.alerts.add(alert.alertId)

    return true
  }

  /**
   * Replaces one kind's state with a snapshot, keeping whatever live events delivered since the
   * resync began when it is newer; keys missing from the snapshot and untouched since are gone.
   */
  function replaceWith<T>(
    kind: Kind,
    state: Map<string, T>,
    items: T[],
    keyOf: (item: T) => string,
    accept: (item: T) => boolean,
  ) {
    const present = new Set<string>()
    for (const item of items) {
      present.add(keyOf(item))
      accept(item)
    }
    for (const key of [...state.keys()]) {
      if (present.has(key) || touched[kind].has(key)) continue
      state.delete(key)
      pending[kind].add(key)
    }
    scheduleFlush()
  }

  return {
    cells: cells as ReadonlyMap<string, CellState>,
    drones: drones as ReadonlyMap<string, DroneState>,
    alerts: alerts as ReadonlyMap<string, Alert>,
    alertNoticedAt: alertNoticedAt as ReadonlyMap<string, number>,

    /** Server time now, corrected by the offset measured on the last snapshot. */
    serverNow: () => Date.now() + clockOffsetMs,

    /** How far the server's clock is ahead of the browser's, in ms. */
    clockOffsetMs: () => clockOffsetMs,

    /** Event time of the newest report seen, cell or drone. */
    newestReportTs: () => newestReportTs,

    /** Records the server's clock from a snapshot answer, halfway through the round trip. */
    syncClock(serverTime: number, sentAt: number, receivedAt: number) {
      clockOffsetMs = serverTime - (sentAt + receivedAt) / 2
    },

    applyCells(items: CellState[]) {
      for (const cell of items) {
        if (acceptCell(cell)) touched.cells.add(cell.cellId)
      }
      scheduleFlush()
    },

    applyDrones(items: DroneState[]) {
      for (const drone of items) {
        if (acceptDrone(drone)) touched.drones.add(drone.droneId)
      }
      scheduleFlush()
    },

    applyAlert(alert: Alert) {
      if (acceptAlert(alert)) touched.alerts.add(alert.alertId)
      scheduleFlush()
    },

    /** Marks the start of a resync: from now on, live events are remembered as newer news. */
    beginResync() {
      touched.cells.clear()
      touched.drones.clear()
      touched.alerts.clear()
    },

    replaceCells(items: CellState[]) {
      replaceWith('cells', cells, items, (cell) => cell.cellId, acceptCell)
    },

    replaceDrones(items: DroneState[]) {
      replaceWith('drones', drones, items, (drone) => drone.droneId, acceptDrone)
    },

    replaceAlerts(items: Alert[]) {
      replaceWith('alerts', alerts, items, (alert) => alert.alertId, acceptAlert)
      alertsPrimed = true
    },

    /** Forgets everything, e.g. when an officer switches to another station. */
    clear() {
      for (const key of cells.keys()) pending.cells.add(key)
      for (const key of drones.keys()) pending.drones.add(key)
      for (const key of alerts.keys()) pending.alerts.add(key)
      cells.clear()
      drones.clear()
      alerts.clear()
      alertNoticedAt.clear()
      newestReportTs = null
      alertsPrimed = false
      scheduleFlush()
    },

    /** For React: called after each flush. */
    subscribe(listener: () => void) {
      renderListeners.add(listener)

      return () => {
        renderListeners.delete(listener)
      }
    },

    getVersion: () => version,

    /** For the map: called inside the animation frame with the keys that changed. */
    onChange(listener: (change: LiveChange) => void) {
      changeListeners.add(listener)

      return () => {
        changeListeners.delete(listener)
      }
    },

    dispose() {
      if (frame !== null) cancelAnimationFrame(frame)
      frame = null
      renderListeners.clear()
      changeListeners.clear()
    },
  }
}

export type LiveStore = ReturnType<typeof createLiveStore>
