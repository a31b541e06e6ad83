import type { CellObserver } from '@/lib/cell-state'
import { describeDrone } from '@/lib/drone-state'
import { pickLatest, supersedes, type Timed } from '@/lib/live-state'

import type { Logger } from '../logger'
import type { Bus, BusMessage } from '../ports/bus'
import type { History, RejectedReport } from '../ports/history'
import type { LiveStore } from '../ports/live-store'
import type { Broadcaster } from '../realtime/broadcaster'
import { decodeReports, type UnreadableMessage } from './decode-reports'
import type { Topics } from './topics'

/**
 * The live-state consumer group: every accepted report into the 24 h history, then the newest
 * state per cell and per drone into the live store, then the changes out to browsers. The batch
 * counts as done only once both stores hold it.
 */
export function createLiveStateWorker(deps: {
  bus: Bus
  topics: Topics
  liveStore: LiveStore
  history: History
  observer: CellObserver
  broadcaster: Broadcaster
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'live-state' })
  // What browsers were last sent per key, so only real changes are pushed.
  const knownCells = new Map<string, Timed>()
  const knownDrones = new Map<string, Timed>()

  async function handleBatch(messages: BusMessage[]) {
    const { reports, unreadable } = decodeReports(messages)
    if (unreadable.length > 0) await setAside(unreadable)
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

    deps.broadcaster.queueCells(keepChanged(cells, knownCells))
    deps.broadcaster.queueDrones(keepChanged(drones, knownDrones))
  }

  /** Messages that can never become reports go to the rejected topic instead of blocking. */
  async function setAside(unreadable: UnreadableMessage[]) {
    const rejected: RejectedReport[] = unreadable.map(({ message, reason }) => ({
      rejectId: `${message.topic}:${message.partition}:${message.offset}`,
      receivedAt: message.timestamp,
      source: 'bus',
      index: 0,
      reason,
      raw: message.value.slice(0, 4096),
      rawBytes: Buffer.byteLength(message.value),
    }))
    log.warn(
      { topic: deps.topics.reports, count: rejected.length, reason: rejected[0]?.reason },
      'unreadable records set aside',
    )
    await deps.bus.publish(
      deps.topics.rejected,
      rejected.map((reject) => ({ key: reject.source, value: JSON.stringify(reject) })),
    )
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
