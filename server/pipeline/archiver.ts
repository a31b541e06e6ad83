import type { DroneReport } from '@/lib/report'

import type { Logger } from '../logger'
import type { Archive } from '../ports/archive'
import type { History } from '../ports/history'

const HOUR_MS = 3_600_000

export type ArchivedHourResult = {
  hour: number
  status: 'archived' | 'already-archived' | 'failed'
  rows: number
  path: string | null
  error: string | null
}

export type ArchiveRun = {
  startedAt: number
  finishedAt: number | null
  hours: ArchivedHourResult[]
  /** While a run goes on: the hour being written and how many of its rows were read. */
  progress: { hour: number; rowsRead: number; rowsTotal: number } | null
}

/**
 * Moves closed hours of history into the data lake. An hour is closed once its end is older
 * than the grace period, so late reports still land in it. Each hour is read in pages, written
 * once, and counted done only when the lake holds as many rows as the history.
 */
export function createArchiver(deps: {
  history: History
  archive: Archive
  retentionMs: number
  graceMs?: number
  pageSize?: number
  now?: () => number
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'archiver' })
  const now = deps.now ?? Date.now
  const graceMs = deps.graceMs ?? 10 * 60_000
  const pageSize = deps.pageSize ?? 5000
  let current: Promise<ArchiveRun> | null = null
  let lastRun: ArchiveRun | null = null
  let timer: NodeJS.Timeout | null = null

  async function archiveHour(hour: number, run: ArchiveRun): Promise<ArchivedHourResult | null> {
    const existing = await deps.archive.findHour(hour)
    if (existing)
      return {
        hour,
        status: 'already-archived',
        rows: existing.rows,
        path: existing.path,
        error: null,
      }

    const range = { from: hour, to: hour + HOUR_MS }
    const rowsTotal = await deps.history.countReports(range)
    if (rowsTotal === 0) return null

    run.progress = { hour, rowsRead: 0, rowsTotal }
    const reports: DroneReport[] = []
    let after: string | null = null
    do {
      const page = await deps.history.readReports(range, { after, limit: pageSize })
      reports.push(...page.reports)
      run.progress = { hour, rowsRead: reports.length, rowsTotal }
      after = page.next
    } while (after)

    const written = await deps.archive.writeHour(hour, reports)
    if (written.rows !== reports.length) {
      throw new Error(
        `the lake holds ${written.rows} rows for the hour, the history ${reports.length}`,
      )
    }

    return { hour, status: 'archived', rows: written.rows, path: written.path, error: null }
  }

  async function runOnce(): Promise<ArchiveRun> {
    const run: ArchiveRun = { startedAt: now(), finishedAt: null, hours: [], progress: null }
    lastRun = run
    const lastClosedEnd = Math.floor((now() - graceMs) / HOUR_MS) * HOUR_MS
    const firstHour = Math.floor((now() - deps.retentionMs) / HOUR_MS) * HOUR_MS

    for (let hour = firstHour; hour < lastClosedEnd; hour += HOUR_MS) {
      try {
        const result = await archiveHour(hour, run)
        if (result) run.hours.push(result)
        if (result?.status === 'archived')
          log.info(
            { hour: new Date(hour).toISOString(), rows: result.rows, path: result.path },
            'hour archived',
          )
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        run.hours.push({ hour, status: 'failed', rows: 0, path: null, error: message })
        log.error(
          { hour: new Date(hour).toISOString(), err: error },
          'hour not archived, will try again',
        )
      }
    }
    run.progress = null
    run.finishedAt = now()

    return run
  }

  return {
    /** Archives every closed hour not yet in the lake; a run already going on is joined. */
    run(): Promise<ArchiveRun> {
      current ??= runOnce().finally(() => {
        current = null
      })

      return current
    },
    /** The run going on, or the last one. */
    status(): ArchiveRun | null {
      return lastRun
    },
    start(intervalMs: number) {
      timer = setInterval(() => {
        this.run().catch((error: unknown) => log.error({ err: error }, 'archive run failed'))
      }, intervalMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
    },
  }
}

export type Archiver = ReturnType<typeof createArchiver>
