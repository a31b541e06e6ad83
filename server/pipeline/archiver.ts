import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

import type {
  ArchivedHour,
  ArchivedHourResult,
  ArchiveRun,
  HourProgress,
} from '@/lib/archive-types'

import type { Logger } from '../logger'
import type { Archive } from '../ports/archive'
import type { History } from '../ports/history'

const HOUR_MS = 3_600_000

export type { ArchivedHourResult, ArchiveRun } from '@/lib/archive-types'

/**
 * Moves closed hours of history into the data lake. An hour is closed once its end is older
 * than the grace period, so late reports still land in it; reports later still complete it on
 * a later run. Every hour the history holds is looked at, whatever its event time, since rows
 * expire by the time they were written: a replayed old night is archived too. Each hour is read
 * in pages and handed to the lake page by page, so it is never held in memory whole.
 */
export function createArchiver(deps: {
  history: History
  archive: Archive
  graceMs?: number
  pageSize?: number
  now?: () => number
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'archiver' })
  const now = deps.now ?? Date.now
  const graceMs = deps.graceMs ?? 10 * 60_000
  const pageSize = deps.pageSize ?? 2500
  let current: Promise<ArchiveRun> | null = null
  let lastRun: ArchiveRun | null = null
  let timer: NodeJS.Timeout | null = null

  /** The reports of an hour, page after page, counted into `progress` as they are read. */
  async function* readHourPages(progress: HourProgress) {
    const range = { from: progress.hour, to: progress.hour + HOUR_MS }
    let after: string | null = null
    do {
      const page = await deps.history.readReports(range, { after, limit: pageSize })
      progress.rowsRead += page.reports.length
      // An embedded history reads a page synchronously, and the lake encodes it synchronously
      // too: let alerts and health checks in between, so neither waits for both.
      await yieldToEventLoop()
      yield page.reports
      after = page.next
    } while (after)
  }

  async function archiveHour(
    hour: number,
    historyRows: number,
    run: ArchiveRun,
  ): Promise<ArchivedHourResult | null> {
    const existing = await deps.archive.findHour(hour)
    // A cheap check: late reports make the history hold more rows than the lake. Counts that
    // differ either way start a pass that writes only what the lake lacks (rows expire from the
    // history one by one, so it may also hold fewer). Known gap: if exactly as many of the
    // hour's reports expired from the history as late ones came, the counts agree and the late
    // ones are missed; only comparing the keys of every hour on every run would catch that.
    if (existing && existing.rows === historyRows) return describeResult(existing, 0, existing)

    const progress = { hour, rowsRead: 0, rowsTotal: historyRows }
    run.progress = progress
    const written = await deps.archive.writeHour(hour, readHourPages(progress))
    // Every report read from the history is in the lake now, so it holds at least as many.
    if (written.rows < progress.rowsRead) {
      throw new Error(
        `the lake holds ${written.rows} rows for the hour, the history ${progress.rowsRead}`,
      )
    }
    if (written.rows === 0) return null

    return describeResult(written, written.added, existing)
  }

  async function runOnce(): Promise<ArchiveRun> {
    const run: ArchiveRun = {
      startedAt: now(),
      finishedAt: null,
      hoursTotal: 0,
      hours: [],
      progress: null,
    }
    lastRun = run
    const closedBy = now() - graceMs
    const hours = (await deps.history.listReportHours()).filter(
      ({ hour }) => hour + HOUR_MS <= closedBy,
    )
    run.hoursTotal = hours.length

    for (const { hour, rows } of hours) {
      try {
        const result = await archiveHour(hour, rows, run)
        if (!result) continue

        run.hours.push(result)
        if (result.added > 0) {
          log.info(
            { hour: new Date(hour).toISOString(), added: result.added, path: result.path },
            result.status === 'completed' ? 'hour completed with late reports' : 'hour archived',
          )
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        run.hours.push({ hour, status: 'failed', rows: 0, added: 0, path: null, error: message })
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
    /** Archives every closed hour the lake lacks reports of; a run going on is joined. */
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

function describeResult(
  hour: ArchivedHour,
  added: number,
  before: ArchivedHour | null,
): ArchivedHourResult {
  const status = added === 0 ? 'already-archived' : before ? 'completed' : 'archived'

  return { hour: hour.hour, status, rows: hour.rows, added, path: hour.path, error: null }
}
