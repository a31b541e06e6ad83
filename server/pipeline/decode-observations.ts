import { z } from 'zod'

import { BANDS } from '@/lib/bands'
import type { CellState } from '@/lib/cell-state'

import type { BusMessage } from '../ports/bus'
import type { UnreadableMessage } from './decode-reports'

const CellStateSchema = z.object({
  cellId: z.string().min(1),
  ts: z.number().int(),
  density: z.number().nonnegative(),
  people: z.number().int().nonnegative(),
  areaM2: z.number().positive(),
  band: z.enum(BANDS),
  kind: z.enum(['standing', 'moving']),
  sectorId: z.string().nullable(),
  doubtful: z.boolean(),
  droneId: z.string().min(1),
  reportId: z.string().min(1),
})

/**
 * Reads the cell observations out of a batch. One that is not an observation (another
 * producer, a corrupted record) can never succeed and is set aside with its reason.
 */
export function decodeObservations(messages: BusMessage[]) {
  const observations: CellState[] = []
  const unreadable: UnreadableMessage[] = []

  for (const message of messages) {
    let value: unknown
    try {
      value = JSON.parse(message.value)
    } catch {
      unreadable.push({ message, reason: 'record on the bus is not valid JSON' })
      continue
    }

    const parsed = CellStateSchema.safeParse(value)
    if (parsed.success) observations.push(parsed.data)
    else
      unreadable.push({
        message,
        reason: `record on the bus is not a cell observation: ${parsed.error.issues[0]?.message}`,
      })
  }

  return { observations, unreadable }
}
