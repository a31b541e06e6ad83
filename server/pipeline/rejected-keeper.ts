import type { Logger } from '../logger'
import type { BusMessage } from '../ports/bus'
import type { History, RejectedReport } from '../ports/history'

/**
 * The group that keeps refused reports: every record of the rejected topic goes to the history
 * with its reason, so refusals are counted and can be read back, never silently lost.
 */
export function createRejectedKeeper(deps: { history: History; logger: Logger }) {
  const log = deps.logger.child({ module: 'rejected-keeper' })

  return {
    async handleBatch(messages: BusMessage[]) {
      const rejects = messages.map(readRejected)
      await deps.history.appendRejected(rejects)
      log.debug({ count: rejects.length }, 'refused reports kept')
    },
  }
}

/** A record that is not even a rejection record is still kept, as text, with that reason. */
function readRejected(message: BusMessage): RejectedReport {
  try {
    const value = JSON.parse(message.value) as RejectedReport
    if (typeof value.rejectId === 'string' && typeof value.reason === 'string') return value
  } catch {
    // falls through to the raw copy below
  }

  return {
    rejectId: `${message.topic}:${message.partition}:${message.offset}`,
    receivedAt: message.timestamp,
    source: message.key,
    index: 0,
    reason: 'record on the rejected topic has no rejection fields',
    raw: message.value.slice(0, 4096),
    rawBytes: Buffer.byteLength(message.value),
  }
}
