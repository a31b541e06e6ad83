import { validateReport, type DroneReport } from '@/lib/report'

import type { BusMessage } from '../ports/bus'

export type UnreadableMessage = { message: BusMessage; reason: string }

/** Times were judged at the door; on the bus only the shape is checked again. */
const SHAPE_ONLY = { now: 0, maxFutureSkewMs: Number.POSITIVE_INFINITY }

/**
 * Reads the reports out of a batch. A message that is not a valid report (another producer,
 * a corrupted record) can never succeed, so it is set aside with its reason instead of
 * blocking its partition.
 */
export function decodeReports(messages: BusMessage[]) {
  const reports: DroneReport[] = []
  const unreadable: UnreadableMessage[] = []

  for (const message of messages) {
    let value: unknown
    try {
      value = JSON.parse(message.value)
    } catch {
      unreadable.push({ message, reason: 'record on the bus is not valid JSON' })
      continue
    }

    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      unreadable.push({ message, reason: 'record on the bus is not a JSON object' })
      continue
    }

    const { extra, ...fields } = value as { extra?: Record<string, unknown> }
    const verdict = validateReport(fields, SHAPE_ONLY)
    if (!verdict.ok) {
      unreadable.push({
        message,
        reason: `record on the bus is not a valid report: ${verdict.reason}`,
      })
      continue
    }

    // The door moved unknown fields into `extra`; put them back there, not one level deeper.
    reports.push(extra && typeof extra === 'object' ? { ...verdict.report, extra } : verdict.report)
  }

  return { reports, unreadable }
}
