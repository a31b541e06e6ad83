import type { CellObserver } from '@/lib/cell-state'
import { describeDrone } from '@/lib/drone-state'
import { pickLatest, supersedes, type Timed } from '@/lib/live-state'

import type { Logger } from '../logger'
import type { Bus, BusMessage } from '../ports/bus'
import type { History } from '../ports/history'
import type { LiveStore } from '../ports/live-store'
import { decodeReports } from './decode-reports'
import type { LivePublisher } from './live-publisher'
import { setAside } from './set-aside'
import type { Topics } from './topics'

/**
 * The live-state consumer group: every accepted report into the 24 h history, then the newest
 * state per cell and per drone into the live store, then the changes to the live topic that
 * every instance pushes to its browsers. The batch counts as done only once both stores hold it.
 */
export function createLiveStateWorker(deps: {
  bus: Bus
  topics: Topics
  liveStore: LiveStore
  history: History
  observer: CellObserver
  livePublisher: LivePublisher
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'live-state' })
  // What browsers were last sent per key, so only real changes are pushed.
  const knownCells = new Map<string, Timed>()
  const knownDrones = new Map<string, Timed>()

  async function handleBatch(messages: BusMessage[]) {
    const { reports, unreadable } = decodeReports(messages)
    if (unreadable.length > 0) {
      log.warn(
        { topic: deps.topics.reports, count: unreadable.length, reason: unreadable[0]?.reason },
        'unreadable records set aside',
      )
      await setAside(deps.bus, deps.topics.rejected, unreadable)
    }
    if (reports.length === 0) return

    const observations = reports.map(deps.observer.observe)
    const cells = pickLatest(observations, (cell) => cell.cellId)
    const drones = pickLatest(
      reports.map((report, i) => describeDrone(report, observations[i]!.cellId)),
      (drone) => drone.droneId,
    )

    await deps.history.appendReports(reports)
    await deps.liveStore.upsertCells([...cells.values()])
    await deps.liveStore.upsertDrones([...drones.values()])

    deps.livePublisher.queue({
      cells: keepChanged(cells, knownCells),
      drones: keepChanged(drones, knownDrones),
    })
  }

  return {
    /** Loads what browsers already have, so a restart does not push every cell again. */
    async warmUp() {
      for (const cell of await deps.liveStore.listCells()) knownCells.set(cell.cellId, cell)
      for (const drone of await deps.liveStore.listDrones()) knownDrones.set(drone.droneId, drone)
      log.info({ cells: knownCells.size, drones: knownDrones.size }, 'live state loaded')
    },
    handleBatch,
  }
}

function keepChanged<T extends Timed>(latest: Map<string, T>, known: Map<string, Timed>): T[] {
  const changed: T[] = []
  for (const [key, state] of latest) {
    if (!supersedes(state, known.get(key))) continue
    known.set(key, state)
    changed.push(state)
  }

  return changed
}
