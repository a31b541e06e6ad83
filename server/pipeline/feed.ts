import type { Alert } from '@/lib/alert'

import type { Logger } from '../logger'
import type { Bus, BusMessage, Consumer } from '../ports/bus'
import type { Broadcaster } from '../realtime/broadcaster'
import type { LiveChanges } from './live-publisher'
import type { Topics } from './topics'

/**
 * This instance's feed: its own groups on the live and alerts topics, starting at their end,
 * hand every change to its browsers, whichever instance's consumers made it. With several
 * instances the work is shared, and every browser still sees everything.
 */
export async function startFeed(deps: {
  bus: Bus
  topics: Topics
  /** This instance's own group, unique among the instances sharing the bus. */
  groupId: string
  broadcaster: Broadcaster
  logger: Logger
}): Promise<Consumer[]> {
  const log = deps.logger.child({ module: 'feed' })
  const groupId = deps.groupId

  function readEach<T>(messages: BusMessage[], apply: (value: T) => void) {
    for (const message of messages) {
      try {
        apply(JSON.parse(message.value) as T)
      } catch (error) {
        log.warn(
          { err: error, topic: message.topic, offset: message.offset },
          'feed record unreadable',
        )
      }
    }
  }

  const subscription = { groupId, startAt: 'latest', ephemeral: true } as const

  return Promise.all([
    deps.bus.subscribe({
      ...subscription,
      topic: deps.topics.live,
      handleBatch: async (messages) =>
        readEach<LiveChanges>(messages, (changes) => {
          deps.broadcaster.queueCells(changes.cells)
          deps.broadcaster.queueDrones(changes.drones)
        }),
    }),
    deps.bus.subscribe({
      ...subscription,
      topic: deps.topics.alerts,
      handleBatch: async (messages) =>
        readEach<Alert>(messages, (alert) => deps.broadcaster.announceAlert(alert)),
    }),
  ])
}
