import { parseReportTime } from '@/lib/report'

import type { PostOutcome } from './post-reports'
import type { FileEntry } from './read-report-file'

export type ReplayProgress = {
  /** Entries read from the file, readable or not. */
  read: number
  bytes: number
  sent: number
  accepted: number
  rejected: number
  unreadable: number
  /** Reports in batches the server never judged. */
  failed: number
}

export type ReplaySummary = ReplayProgress & {
  /** Why the replay stopped early, or null when the whole file went through. */
  stoppedBy: string | null
  elapsedMs: number
}

export type ReplayOptions = {
  batchSize: number
  /** Event time runs this many times faster than in the file; null sends as fast as possible. */
  speed: number | null
  post: (reports: unknown[]) => Promise<PostOutcome>
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  onProgress?: (progress: ReplayProgress) => void
  /** Told of each report that was refused or could not be read, with where it is in the file. */
  onProblem?: (where: string, reason: string) => void
}

/** Waits shorter than this are not worth a separate batch; the report rides with the current one. */
const MIN_PACING_WAIT_MS = 20

/**
 * How long to wait before sending a report so that event time plays back `speed` times faster
 * than it was recorded, measured from the first paced report. Never negative: a late or
 * out-of-order report goes at once.
 */
export function planReplayDelay(input: {
  originEventMs: number
  originWallMs: number
  eventMs: number
  nowMs: number
  speed: number
}): number {
  const dueMs = input.originWallMs + (input.eventMs - input.originEventMs) / input.speed

  return Math.max(0, dueMs - input.nowMs)
}

/** The event time of a raw report, for pacing; null when it has none we can read. */
export function readEventTime(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null

  const ts = (value as { ts?: unknown }).ts
  if (typeof ts !== 'string' && typeof ts !== 'number') return null

  const parsed = parseReportTime(ts)

  return typeof parsed === 'number' ? parsed : null
}

/**
 * Sends the reports of a file to the server in batches, in file order, optionally paced on
 * event time. Stops at the first batch the server could not be reached for or kept failing on.
 */
export async function replayReports(
  entries: AsyncIterable<FileEntry>,
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)))
  const startedAt = now()
  const progress: ReplayProgress = {
    read: 0,
    bytes: 0,
    sent: 0,
    accepted: 0,
    rejected: 0,
    unreadable: 0,
    failed: 0,
  }
  let origin: { eventMs: number; wallMs: number } | null = null
  let stoppedBy: string | null = null
  let batch: { where: string; value: unknown }[] = []

  async function flush(): Promise<boolean> {
    if (batch.length === 0) return true

    const sending = batch
    batch = []
    const outcome = await options.post(sending.map((entry) => entry.value))
    progress.sent += sending.length
    if (outcome.ok) {
      progress.accepted += outcome.accepted
      progress.rejected += outcome.rejected.length
      for (const { index, reason } of outcome.rejected) {
        options.onProblem?.(sending[index]?.where ?? `batch item ${index}`, reason)
      }
    } else {
      progress.failed += sending.length
      const first = sending[0]?.where ?? ''
      const last = sending[sending.length - 1]?.where ?? ''
      options.onProblem?.(`${first} to ${last}`, outcome.message)
      if (outcome.kind !== 'refused') stoppedBy = outcome.message
    }
    options.onProgress?.({ ...progress })

    return stoppedBy === null
  }

  for await (const entry of entries) {
    progress.read += 1
    progress.bytes += entry.bytes
    if ('error' in entry) {
      progress.unreadable += 1
      options.onProblem?.(entry.where, entry.error)
      continue
    }

    const eventMs = options.speed ? readEventTime(entry.value) : null
    if (options.speed && eventMs !== null) {
      origin ??= { eventMs, wallMs: now() }
      const waitMs = planReplayDelay({
        originEventMs: origin.eventMs,
        originWallMs: origin.wallMs,
        eventMs,
        nowMs: now(),
        speed: options.speed,
      })
      if (waitMs >= MIN_PACING_WAIT_MS) {
        if (!(await flush())) break
        await sleep(waitMs)
      }
    }

    batch.push({ where: entry.where, value: entry.value })
    if (batch.length >= options.batchSize && !(await flush())) break
  }
  if (stoppedBy === null) await flush()

  return { ...progress, stoppedBy, elapsedMs: now() - startedAt }
}
