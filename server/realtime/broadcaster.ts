import type { Server } from 'socket.io'

import type { Alert } from '@/lib/alert'
import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'
import { supersedes } from '@/lib/live-state'
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/socket-events'

import type { Logger } from '../logger'

export type FeedServer = Server<ClientToServerEvents, ServerToClientEvents>

/** Room of the command-center browsers, which see every alert. */
export const STAFF_ROOM = 'staff'

/** Room of the officers' browsers of one station. */
export function stationRoom(stationId: string): string {
  return `station:${stationId}`
}

/**
 * Pushes live changes to browsers. Cell and drone changes are coalesced per key and sent once
 * per interval, so a flood of reports becomes one small diff a second; alerts go out at once,
 * never queued behind a cell push.
 */
export function createBroadcaster(options: { intervalMs: number; logger: Logger }) {
  const log = options.logger.child({ module: 'broadcaster' })
  const pendingCells = new Map<string, CellState>()
  const pendingDrones = new Map<string, DroneState>()
  let io: FeedServer | null = null
  let timer: NodeJS.Timeout | null = null

  function flush() {
    if (!io) return
    if (pendingCells.size > 0) {
      io.emit('cells:updated', [...pendingCells.values()])
      pendingCells.clear()
    }
    if (pendingDrones.size > 0) {
      io.emit('drones:updated', [...pendingDrones.values()])
      pendingDrones.clear()
    }
  }

  return {
    /** Starts pushing through a Socket.IO server. */
    attach(server: FeedServer) {
      io = server
      timer = setInterval(flush, options.intervalMs)
      timer.unref()
      log.info({ intervalMs: options.intervalMs }, 'pushing live changes to browsers')
    },

    queueCells(cells: Iterable<CellState>) {
      for (const cell of cells) {
        if (supersedes(cell, pendingCells.get(cell.cellId))) pendingCells.set(cell.cellId, cell)
      }
    },

    queueDrones(drones: Iterable<DroneState>) {
      for (const drone of drones) {
        if (supersedes(drone, pendingDrones.get(drone.droneId)))
          pendingDrones.set(drone.droneId, drone)
      }
    },

    /** Sends an alert's new state to the command center and to its station, at once. */
    announceAlert(alert: Alert) {
      if (!io) return
      const rooms = alert.stationId ? [STAFF_ROOM, stationRoom(alert.stationId)] : [STAFF_ROOM]
      io.to(rooms).emit('alert:changed', alert)
    },

    stop() {
      if (timer) clearInterval(timer)
      flush()
      io = null
    },
  }
}

export type Broadcaster = ReturnType<typeof createBroadcaster>
