import type { Bus } from '../ports/bus'
import type { RejectedReport } from '../ports/history'
import type { UnreadableMessage } from './decode-reports'

/**
 * Moves records that can never be handled to the rejected topic with their reason, so they
 * are kept and counted and never block their partition.
 */
export async function setAside(bus: Bus, rejectedTopic: string, unreadable: UnreadableMessage[]) {
  const rejected: RejectedReport[] = unreadable.map(({ message, reason }) => ({
    rejectId: `${message.topic}:${message.partition}:${message.offset}`,
    receivedAt: message.timestamp,
    source: 'bus',
    index: 0,
    reason,
    raw: message.value.slice(0, 4096),
    rawBytes: Buffer.byteLength(message.value),
  }))
  await bus.publish(
    rejectedTopic,
    rejected.map((reject) => ({ key: reject.source, value: JSON.stringify(reject) })),
  )
}
