import { randomUUID } from 'node:crypto'

import type { ReportsAccepted } from '@/lib/api-types'
import { AppError } from '@/lib/app-error'
import type { CellObserver } from '@/lib/cell-state'
import { formatBytes } from '@/lib/format-bytes'
import { validateReport, type ReportCheckContext } from '@/lib/report'

import type { Logger } from '../logger'
import type { Bus, BusRecord } from '../ports/bus'
import type { RejectedReport } from '../ports/history'
import { printItem, splitBody, type BodyItem } from './split-body'
import type { Topics } from './topics'

/** The raw text kept with a refused report is cut to this many characters. */
const KEPT_RAW_CHARS = 4096

export type DoorSettings = {
  maxReportBytes: number
  maxFutureSkewMs: number
  operatingArea?: ReportCheckContext['operatingArea']
}

type Verdict =
  | { ok: true; record: BusRecord; observation: BusRecord }
  | { ok: false; index: number; reason: string; rejected: RejectedReport }

/**
 * The door every report comes through, whatever its source: each item is validated once
 * against the v1 schema; good ones go to the reports topic keyed by drone, refused ones to the
 * rejected topic with their reason. It answers only once the bus holds both, so an accepted
 * report is never lost and a refused one never dropped.
 */
export function createIngest(deps: {
  bus: Bus
  topics: Topics
  settings: DoorSettings
  observer: CellObserver
  now?: () => number
  logger: Logger
}) {
  const now = deps.now ?? Date.now
  const log = deps.logger.child({ module: 'ingest' })

  async function acceptItems(items: BodyItem[], source: string): Promise<ReportsAccepted> {
    if (items.length === 0) throw new AppError('bad_request', 'the body holds no report')

    const receivedAt = now()
    const context = { now: receivedAt, maxFutureSkewMs: deps.settings.maxFutureSkewMs }
    const checkContext = deps.settings.operatingArea
      ? { ...context, operatingArea: deps.settings.operatingArea }
      : context
    const verdicts = await judgeInSlices(items, (item) =>
      judgeItem(item, checkContext, source, receivedAt),
    )
    const accepted = verdicts.flatMap((verdict) => (verdict.ok ? [verdict] : []))
    const refused = verdicts.flatMap((verdict) => (verdict.ok ? [] : [verdict]))

    await publishAll(accepted, refused)
    if (refused.length > 0) {
      const first = refused[0]!
      log.warn(
        { source, refused: refused.length, accepted: accepted.length, reason: first.reason },
        'reports refused',
      )
    }

    return {
      accepted: accepted.length,
      rejected: refused.map((verdict) => ({ index: verdict.index, reason: verdict.reason })),
    }
  }

  function judgeItem(
    item: BodyItem,
    context: ReportCheckContext,
    source: string,
    receivedAt: number,
  ): Verdict {
    const refuse = (reason: string): Verdict => ({
      ok: false,
      index: item.index,
      reason,
      rejected: keepRefused(item.index, item.raw, reason, source, receivedAt),
    })

    if ('parseError' in item) return refuse(item.parseError)

    const bytes = Buffer.byteLength(item.raw)
    if (bytes > deps.settings.maxReportBytes) {
      return refuse(
        `report is ${formatBytes(bytes)}, above the ${formatBytes(deps.settings.maxReportBytes)} limit`,
      )
    }

    const verdict = validateReport(item.value, context)
    if (!verdict.ok) return refuse(verdict.reason)

    const value = printItem(verdict.report)
    if (value === null) return refuse('report is nested too deeply to store')

    const cell = deps.observer.observe(verdict.report)

    return {
      ok: true,
      record: { key: verdict.report.droneId, value },
      observation: { key: cell.cellId, value: JSON.stringify(cell) },
    }
  }

  /**
   * Puts every accepted report on the reports topic and its cell observation on the
   * observations topic, and every refusal on the rejected topic; answers only when all are
   * durable. A retry after a failure repeats records that consumers store idempotently.
   */
  async function publishAll(
    accepted: Extract<Verdict, { ok: true }>[],
    refused: Extract<Verdict, { ok: false }>[],
  ) {
    try {
      await Promise.all([
        accepted.length > 0
          ? deps.bus.publish(
              deps.topics.reports,
              accepted.map((verdict) => verdict.record),
            )
          : undefined,
        accepted.length > 0
          ? deps.bus.publish(
              deps.topics.observations,
              accepted.map((verdict) => verdict.observation),
            )
          : undefined,
        refused.length > 0
          ? deps.bus.publish(
              deps.topics.rejected,
              refused.map((verdict) => ({
                key: verdict.rejected.source,
                value: JSON.stringify(verdict.rejected),
              })),
            )
          : undefined,
      ])
    } catch (error) {
      log.error({ err: error, reports: accepted.length }, 'report bus refused the reports')
      throw new AppError(
        'unavailable',
        'the report bus is not accepting reports now; send them again',
      )
    }
  }

  return {
    /** Takes a request body: one report, a JSON array, or NDJSON. */
    acceptBody(body: string, options: { source: string; contentType: string | null }) {
      return acceptItems(splitBody(body, options.contentType), options.source)
    },

    /** Takes reports already in memory, such as the built-in simulator's. */
    acceptObjects(objects: unknown[], source: string) {
      const items = objects.map((value, index) => ({ index, raw: printItem(value) ?? '', value }))

      return acceptItems(items, source)
    },

    /**
     * Keeps a trace of a body that could not be read (too large, not UTF-8), so that even it is
     * counted and visible: the reason, its size and the start of its text.
     */
    async keepUnreadableBody(reason: string, bytes: number, preview: string, source: string) {
      const rejected = keepRefused(0, preview, reason, source, now())
      rejected.rawBytes = bytes
      await deps.bus.publish(deps.topics.rejected, [
        { key: source, value: JSON.stringify(rejected) },
      ])
    },
  }
}

export type Ingest = ReturnType<typeof createIngest>

/** Items judged between two yields to the event loop: a big body never stalls alerts. */
const SLICE = 1000

async function judgeInSlices<T>(items: BodyItem[], judge: (item: BodyItem) => T): Promise<T[]> {
  const verdicts: T[] = []
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const item of items.slice(start, start + SLICE)) verdicts.push(judge(item))
  }

  return verdicts
}

function keepRefused(
  index: number,
  raw: string,
  reason: string,
  source: string,
  receivedAt: number,
): RejectedReport {
  return {
    rejectId: randomUUID(),
    receivedAt,
    source,
    index,
    reason,
    raw: raw.slice(0, KEPT_RAW_CHARS),
    rawBytes: Buffer.byteLength(raw),
  }
}
