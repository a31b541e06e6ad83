import type { Band } from '@/lib/bands'

import { judgeBattery } from './drone-battery'
import type { LiveStore } from './live-store'
import { isAlertActive } from './sort-alerts'

export type FeedSummary = {
  /** Sum of people in the cells observed within the freshness window. */
  people: number
  freshCells: number
  allCells: number
  /** The densest fresh cell, or null when no cell is fresh. */
  peak: { density: number; band: Band; sectorId: string | null; doubtful: boolean } | null
  dronesUp: number
  allDrones: number
  dronesLow: number
  activeAlerts: number
  unacknowledged: number
  criticalAlerts: number
}

/**
 * The key figures of the command center. Only fresh readings count: an old head count says
 * where people were, not where they are, and adding it up would overstate the crowd.
 */
export function summarizeFeed(
  store: LiveStore,
  serverNow: number,
  staleAfterMs: number,
): FeedSummary {
  const summary: FeedSummary = {
    people: 0,
    freshCells: 0,
    allCells: store.cells.size,
    peak: null,
    dronesUp: 0,
    allDrones: store.drones.size,
    dronesLow: 0,
    activeAlerts: 0,
    unacknowledged: 0,
    criticalAlerts: 0,
  }

  for (const cell of store.cells.values()) {
    if (serverNow - cell.ts > staleAfterMs) continue
    summary.freshCells++
    summary.people += cell.people
    if (!summary.peak || cell.density > summary.peak.density) {
      summary.peak = {
        density: cell.density,
        band: cell.band,
        sectorId: cell.sectorId,
        doubtful: cell.doubtful,
      }
    }
  }

  for (const drone of store.drones.values()) {
    if (serverNow - drone.ts > staleAfterMs) continue
    summary.dronesUp++
    if (judgeBattery(drone.battery) === 'low') summary.dronesLow++
  }

  for (const alert of store.alerts.values()) {
    if (!isAlertActive(alert)) continue
    summary.activeAlerts++
    if (alert.status === 'open') summary.unacknowledged++
    if (alert.severity === 'critical') summary.criticalAlerts++
  }

  return summary
}
