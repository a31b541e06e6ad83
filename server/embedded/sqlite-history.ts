import { pino, type Logger } from 'pino'

import type { AlertStep } from '@/lib/alert'
import type { DroneReport } from '@/lib/report'
import {
  compareAlertSteps,
  type History,
  type RejectedReport,
  type ReportPage,
  type TimeRange,
} from '@/server/ports/history'

import { describeSqliteFile, openSqliteFile, type SqliteSynchronous } from './open-sqlite-file'

export type SqliteHistoryOptions = {
  /** The SQLite file that holds reports, alert steps and rejected reports. */
  file: string
  /** How long a row lives after it was written, ms (a Cassandra TTL does the same). */
  retentionMs?: number
  /** How often expired rows are deleted, ms; reads hide them in between. */
  pruneIntervalMs?: number
  /** Clock for write times and expiry, epoch ms. */
  now?: () => number
  synchronous?: SqliteSynchronous
  logger?: Logger
}

/** The embedded history, plus the prune pass so a test can run it on demand. */
export type SqliteHistory = History & {
  /** Deletes every row past the retention; returns how many went. */
  removeExpired(): number
}

type Cursor = { ts: number; reportId: string }

const DAY_MS = 24 * 3_600_000

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    ts INTEGER NOT NULL,
    written_at INTEGER NOT NULL,
    report TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS reports_by_time ON reports (ts, report_id);
  CREATE INDEX IF NOT EXISTS reports_by_write ON reports (written_at);
  CREATE TABLE IF NOT EXISTS alert_steps (
    step_id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    written_at INTEGER NOT NULL,
    step TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS alert_steps_by_alert ON alert_steps (alert_id, at, step_id);
  CREATE INDEX IF NOT EXISTS alert_steps_by_write ON alert_steps (written_at);
  CREATE TABLE IF NOT EXISTS rejected (
    reject_id TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL,
    written_at INTEGER NOT NULL,
    reject TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS rejected_by_receipt ON rejected (received_at, reject_id);
  CREATE INDEX IF NOT EXISTS rejected_by_write ON rejected (written_at);
`

/**
 * An insert is idempotent by id. A row that has expired but is not deleted yet is written anew,
 * as a Cassandra insert after its TTL would be; a live one is left as it is.
 */
function insertOnce(table: string, key: string, columns: string[]) {
  const names = [key, ...columns, 'written_at']
  const values = names.map((name) => `@${name}`)
  const updates = names.slice(1).map((name) => `${name} = excluded.${name}`)

  return (
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${values.join(', ')}) ` +
    `ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')} WHERE ${table}.written_at <= @cutoff`
  )
}

/**
 * Opens the embedded 24 h history on a SQLite file. Every row expires as a whole by the time it
 * was written, like a Cassandra TTL: reads hide it at once and a periodic prune deletes it.
 */
export function createSqliteHistory({
  file,
  retentionMs = DAY_MS,
  pruneIntervalMs = 60_000,
  now = Date.now,
  synchronous = 'full',
  logger,
}: SqliteHistoryOptions): SqliteHistory {
  const log = (logger ?? pino({ enabled: false })).child({ module: 'sqlite-history' })
  const db = openSqliteFile(file, synchronous)
  db.exec(SCHEMA)

  const statements = {
    insertReport: db.prepare(insertOnce('reports', 'report_id', ['ts', 'report'])),
    readFirstPage: db
      .prepare<[number, number, number, number], string>(
        'SELECT report FROM reports WHERE ts >= ? AND ts < ? AND written_at > ? ' +
          'ORDER BY ts, report_id LIMIT ?',
      )
      .pluck(),
    readNextPage: db
      .prepare<[number, number, number, number, string, number], string>(
        'SELECT report FROM reports WHERE ts >= ? AND ts < ? AND written_at > ? ' +
          'AND (ts, report_id) > (?, ?) ORDER BY ts, report_id LIMIT ?',
      )
      .pluck(),
    countReports: db
      .prepare<[number, number, number], number>(
        'SELECT COUNT(*) FROM reports WHERE ts >= ? AND ts < ? AND written_at > ?',
      )
      .pluck(),
    insertStep: db.prepare(insertOnce('alert_steps', 'step_id', ['alert_id', 'at', 'step'])),
    readSteps: db
      .prepare<[string, number], string>(
        'SELECT step FROM alert_steps WHERE alert_id = ? AND written_at > ? ORDER BY at, step_id',
      )
      .pluck(),
    insertRejected: db.prepare(insertOnce('rejected', 'reject_id', ['received_at', 'reject'])),
    listRejected: db
      .prepare<[number, number], string>(
        'SELECT reject FROM rejected WHERE written_at > ? ' +
          'ORDER BY received_at DESC, reject_id DESC LIMIT ?',
      )
      .pluck(),
    countRejected: db
      .prepare<[number], number>('SELECT COUNT(*) FROM rejected WHERE written_at > ?')
      .pluck(),
    deleteReports: db.prepare('DELETE FROM reports WHERE written_at <= ?'),
    deleteSteps: db.prepare('DELETE FROM alert_steps WHERE written_at <= ?'),
    deleteRejected: db.prepare('DELETE FROM rejected WHERE written_at <= ?'),
  }

  /** Rows written at or before this instant have expired. */
  const findCutoff = () => now() - retentionMs

  const writeReports = db.transaction((reports: DroneReport[]) => {
    const writtenAt = now()
    const cutoff = writtenAt - retentionMs
    for (const report of reports) {
      statements.insertReport.run({
        report_id: report.reportId,
        ts: report.ts,
        report: JSON.stringify(report),
        written_at: writtenAt,
        cutoff,
      })
    }
  })
  const writeSteps = db.transaction((steps: AlertStep[]) => {
    const writtenAt = now()
    const cutoff = writtenAt - retentionMs
    for (const step of steps) {
      statements.insertStep.run({
        step_id: step.stepId,
        alert_id: step.alertId,
        at: step.at,
        step: JSON.stringify(step),
        written_at: writtenAt,
        cutoff,
      })
    }
  })
  const writeRejected = db.transaction((rejects: RejectedReport[]) => {
    const writtenAt = now()
    const cutoff = writtenAt - retentionMs
    for (const reject of rejects) {
      statements.insertRejected.run({
        reject_id: reject.rejectId,
        received_at: reject.receivedAt,
        reject: JSON.stringify(reject),
        written_at: writtenAt,
        cutoff,
      })
    }
  })
  const removeExpired = db.transaction(() => {
    const cutoff = findCutoff()

    return (
      statements.deleteReports.run(cutoff).changes +
      statements.deleteSteps.run(cutoff).changes +
      statements.deleteRejected.run(cutoff).changes
    )
  })

  async function readReports(
    range: TimeRange,
    page: { after: string | null; limit: number },
  ): Promise<ReportPage> {
    checkLimit(page.limit)
    const cutoff = findCutoff()
    // One row more than asked says whether another page exists, so the last page has no cursor.
    const rows =
      page.after === null
        ? statements.readFirstPage.all(range.from, range.to, cutoff, page.limit + 1)
        : readAfter(range, readCursor(page.after), cutoff, page.limit + 1)
    const reports = rows.slice(0, page.limit).map((row) => JSON.parse(row) as DroneReport)
    const last = reports[reports.length - 1]
    const next = rows.length > page.limit && last ? writeCursor(last) : null

    return { reports, next }
  }

  function readAfter(range: TimeRange, cursor: Cursor, cutoff: number, limit: number) {
    const { from, to } = range

    return statements.readNextPage.all(from, to, cutoff, cursor.ts, cursor.reportId, limit)
  }

  const pruneTimer = setInterval(() => {
    try {
      const removed = removeExpired()
      if (removed > 0) log.debug({ removed }, 'expired history rows deleted')
    } catch (error) {
      log.warn({ err: error }, 'deleting expired history rows failed')
    }
  }, pruneIntervalMs)
  pruneTimer.unref()

  return {
    appendReports: async (reports) => writeReports(reports),
    readReports,
    countReports: async (range) =>
      statements.countReports.get(range.from, range.to, findCutoff()) ?? 0,
    appendAlertSteps: async (steps) => writeSteps(steps),
    readAlertSteps: async (alertId) =>
      statements.readSteps
        .all(alertId, findCutoff())
        .map((row) => JSON.parse(row) as AlertStep)
        .sort(compareAlertSteps),
    appendRejected: async (rejects) => writeRejected(rejects),
    listRejected: async (limit) => {
      checkLimit(limit)

      return statements.listRejected
        .all(findCutoff(), limit)
        .map((row) => JSON.parse(row) as RejectedReport)
    },
    countRejected: async () => statements.countRejected.get(findCutoff()) ?? 0,
    describe: async () => {
      const health = describeSqliteFile('history', db, file)
      if (health.state !== 'up') return health

      return { ...health, detail: `${health.detail}, rows kept ${formatDuration(retentionMs)}` }
    },
    close: async () => {
      clearInterval(pruneTimer)
      if (db.open) db.close()
    },
    removeExpired: () => removeExpired(),
  }
}

function checkLimit(limit: number) {
  if (Number.isInteger(limit) && limit > 0) return

  throw new Error(`a page limit must be a whole number above 0, got ${limit}`)
}

/** The cursor is opaque to callers: the (ts, reportId) of the last row they were given. */
function writeCursor(report: DroneReport): string {
  return Buffer.from(JSON.stringify([report.ts, report.reportId])).toString('base64url')
}

function readCursor(cursor: string): Cursor {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = null
  }
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'number' || typeof decoded[1] !== 'string') {
    throw new Error('the page cursor is not one this history gave out')
  }

  return { ts: decoded[0], reportId: decoded[1] }
}

function formatDuration(ms: number) {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`

  return `${Math.round(ms / 1000)} s`
}
