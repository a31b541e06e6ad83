import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'
import { supersedes, type Timed } from '@/lib/live-state'

import type { Logger } from '../logger'
import type { Bus } from '../ports/bus'

/** One message of the live topic: the cells and drones that changed in one interval. */
export type LiveChanges = { cells: CellState[]; drones: DroneState[] }

/**
 * Publishes what the live-state group changed, coalesced per cell and drone and sent once per
 * interval, to the live topic that every server instance reads for its own browsers. A flood
 * of reports becomes one small message a second; a failed publish is merged into the next one.
 */
export function createLivePublisher(deps: {
  bus: Bus
  topic: string
  instanceId: string
  intervalMs: number
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'live-publisher' })
  const cells = new Map<string, CellState>()
  const drones = new Map<string, DroneState>()
  let timer: NodeJS.Timeout | null = null
  let sending: Promise<void> | null = null

  async function send() {
    if (cells.size === 0 && drones.size === 0) return
    const changes: LiveChanges = { cells: [...cells.values()], drones: [...drones.values()] }
    cells.clear()
    drones.clear()
    try {
      await deps.bus.publish(deps.topic, [{ key: deps.instanceId, value: JSON.stringify(changes) }])
    } catch (error) {
      log.warn(
        { err: error, topic: deps.topic, cells: changes.cells.length },
        'live changes not published, retrying',
      )
      queueAll(cells, changes.cells, (cell) => cell.cellId)
      queueAll(drones, changes.drones, (drone) => drone.droneId)
    }
  }

  function flush(): Promise<void> {
    sending ??= send().finally(() => {
      sending = null
    })

    return sending
  }

  return {
    queue(changed: { cells: Iterable<CellState>; drones: Iterable<DroneState> }) {
      queueAll(cells, changed.cells, (cell) => cell.cellId)
      queueAll(drones, changed.drones, (drone) => drone.droneId)
    },
    start() {
      timer = setInterval(() => void flush(), deps.intervalMs)
      timer.unref()
    },
    /** Stops the timer and sends what is left. */
    async stop() {
      if (timer) clearInterval(timer)
      await flush()
    },
  }
}

export type LivePublisher = ReturnType<typeof createLivePublisher>

function queueAll<T extends Timed>(
  pending: Map<string, T>,
  items: Iterable<T>,
  keyOf: (item: T) => string,
) {
  for (const item of items) {
    const key = keyOf(item)
    if (supersedes(item, pending.get(key))) pending.set(key, item)
  }
}
