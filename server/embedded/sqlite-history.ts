import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

import type Database from 'better-sqlite3'
import { pino, type Logger } from 'pino'

import type { AlertStep } from '@/lib/alert'
import type { DroneReport } from '@/lib/report'
import {
  compareAlertSteps,
  type History,
  type RejectedReport,
  type ReportHour,
  type ReportPage,
  type TimeRange,
} from '@/server/ports/history'

import { describeSqliteFile, openSqliteFile, type SqliteSynchronous } from './open-sqlite-file'
import { watchWrites } from './watch-writes'

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
  /** Caps the file's size, bytes: past it a write fails as on a full disk. Unset: no cap. */
  maxBytes?: number
  logger?: Logger
}

/** The embedded history, plus the prune pass so a test can run it on demand. */
export type SqliteHistory = History & {
  /** Deletes every row past the retention; returns how many went. */
  removeExpired(): number
}

type Cursor = { ts: number; reportId: string; droneId: string }

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Ten minutes: even a very busy hour is counted in steps of a few milliseconds each. */
const COUNT_SLICE_MS = 10 * 60_000

/**
 * Reports live in `drone_reports`, keyed by (drone_id, report_id). Files written before that key
 * have a `reports` table keyed by report_id alone; a new name lets both shapes meet in one file
 * without an ALTER, and `moveOldReports` empties the old table once, at open. The time index
 * carries written_at so that counts and pages never touch the rows they skip.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS drone_reports (
    drone_id TEXT NOT NULL,
    report_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    written_at INTEGER NOT NULL,
    report TEXT NOT NULL,
    PRIMARY KEY (drone_id, report_id)
  );
  CREATE INDEX IF NOT EXISTS drone_reports_by_time
    ON drone_reports (ts, report_id, drone_id, written_at);
  CREATE INDEX IF NOT EXISTS drone_reports_by_write ON drone_reports (written_at);
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
function insertOnce(table: string, key: string[], columns: string[]) {
  const names = [...key, ...columns, 'written_at']
  const values = names.map((name) => `@${name}`)
  const updates = columns.concat('written_at').map((name) => `${name} = excluded.${name}`)

  return (
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${values.join(', ')}) ` +
    `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')} ` +
    `WHERE ${table}.written_at <= @cutoff`
  )
}

/**
 * Moves the reports of a file written before reports were keyed by (drone, report) into the
 * new table, keeping their write times (and so their expiry), then drops the old table. Runs in
 * one transaction, so a crash half-way leaves the old table whole for the next start.
 */
function moveOldReports(db: Database.Database): number {
  const old = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'`)
    .get()
  if (!old) return 0

  return db.transaction(() => {
    const moved = db
      .prepare(
        'INSERT OR IGNORE INTO drone_reports (drone_id, report_id, ts, written_at, report) ' +
          `SELECT json_extract(report, '$.droneId'), report_id, ts, written_at, report ` +
          'FROM reports',
      )
      .run().changes
    db.exec('DROP TABLE reports')

    return moved
  })()
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
  maxBytes,
  logger,
}: SqliteHistoryOptions): SqliteHistory {
  const log = (logger ?? pino({ enabled: false })).child({ module: 'sqlite-history' })
  const db = openSqliteFile(file, synchronous, maxBytes)
  db.exec(SCHEMA)
  const moved = moveOldReports(db)
  if (moved > 0) log.info({ moved }, 'reports of an older history file rekeyed by drone')
  const writes = watchWrites(now)

  const statements = {
    insertReport: db.prepare(
      insertOnce('drone_reports', ['drone_id', 'report_id'], ['ts', 'report']),
    ),
    readFirstPage: db
      .prepare<[number, number, number, number], string>(
        'SELECT report FROM drone_reports WHERE ts >= ? AND ts < ? AND written_at > ? ' +
          'ORDER BY ts, report_id, drone_id LIMIT ?',
      )
      .pluck(),
    readNextPage: db
      .prepare<[number, number, number, number, string, string, number], string>(
        'SELECT report FROM drone_reports WHERE ts >= ? AND ts < ? AND written_at > ? ' +
          'AND (ts, report_id, drone_id) > (?, ?, ?) ORDER BY ts, report_id, drone_id LIMIT ?',
      )
      .pluck(),
    countReports: db
      .prepare<[number, number, number], number>(
        'SELECT COUNT(*) FROM drone_reports WHERE ts >= ? AND ts < ? AND written_at > ?',
      )
      .pluck(),
    findFirstTime: db
      .prepare<[number], number>(
        'SELECT ts FROM drone_reports WHERE ts >= ? ORDER BY ts, report_id, drone_id LIMIT 1',
      )
      .pluck(),
    insertStep: db.prepare(insertOnce('alert_steps', ['step_id'], ['alert_id', 'at', 'step'])),
    readSteps: db
      .prepare<[string, number], string>(
        'SELECT step FROM alert_steps WHERE alert_id = ? AND written_at > ? ORDER BY at, step_id',
      )
      .pluck(),
    insertRejected: db.prepare(insertOnce('rejected', ['reject_id'], ['received_at', 'reject'])),
    listRejected: db
      .prepare<[number, number], string>(
        'SELECT reject FROM rejected WHERE written_at > ? ' +
          'ORDER BY received_at DESC, reject_id DESC LIMIT ?',
      )
      .pluck(),
    countRejected: db
      .prepare<[number], number>('SELECT COUNT(*) FROM rejected WHERE written_at > ?')
      .pluck(),
    deleteReports: db.prepare('DELETE FROM drone_reports WHERE written_at <= ?'),
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
        drone_id: report.droneId,
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
    const { ts, reportId, droneId } = cursor
    // The cursor's time as the lower bound makes the index seek straight to the page: SQLite
    // bounds the scan by the plain ts terms only, so with the range start alone every page
    // would scan again all the rows before it.
    const from = Math.max(range.from, ts)

    return statements.readNextPage.all(from, range.to, cutoff, ts, reportId, droneId, limit)
  }

  /** Counts an hour a slice at a time: one count of a busy hour would hold the server up. */
  async function countHour(hour: number, cutoff: number) {
    let rows = 0
    for (let from = hour; from < hour + HOUR_MS; from += COUNT_SLICE_MS) {
      rows += statements.countReports.get(from, from + COUNT_SLICE_MS, cutoff) ?? 0
      await yieldToEventLoop()
    }

    return rows
  }

  /**
   * Hops from hour to hour along the time index: one seek finds the next report, covered counts
   * size its hour. Every step is short and the event loop runs in between, so a long history
   * never holds the server up in one go.
   */
  async function listReportHours(): Promise<ReportHour[]> {
    const hours: ReportHour[] = []
    const cutoff = findCutoff()
    let from = Number.MIN_SAFE_INTEGER
    for (;;) {
      const ts = statements.findFirstTime.get(from)
      if (ts === undefined) break

      const hour = Math.floor(ts / HOUR_MS) * HOUR_MS
      // Expired rows not yet pruned are found by the seek but not counted.
      const rows = await countHour(hour, cutoff)
      if (rows > 0) hours.push({ hour, rows })
      from = hour + HOUR_MS
    }

    return hours
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
    appendReports: async (reports) => writes.run('report', () => writeReports(reports)),
    readReports,
    countReports: async (range) =>
      statements.countReports.get(range.from, range.to, findCutoff()) ?? 0,
    listReportHours,
    appendAlertSteps: async (steps) => writes.run('alert step', () => writeSteps(steps)),
    readAlertSteps: async (alertId) =>
      statements.readSteps
        .all(alertId, findCutoff())
        .map((row) => JSON.parse(row) as AlertStep)
        .sort(compareAlertSteps),
    appendRejected: async (rejects) => writes.run('rejected report', () => writeRejected(rejects)),
    listRejected: async (limit) => {
      checkLimit(limit)

      return statements.listRejected
        .all(findCutoff(), limit)
        .map((row) => JSON.parse(row) as RejectedReport)
    },
    countRejected: async () => statements.countRejected.get(findCutoff()) ?? 0,
    describe: async () => {
      const health = describeSqliteFile('history', db, file, writes.readFault())
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

/** The cursor is opaque to callers: the (ts, reportId, droneId) of the last row they were given. */
function writeCursor(report: DroneReport): string {
  const position = [report.ts, report.reportId, report.droneId]

  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

function readCursor(cursor: string): Cursor {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = null
  }
  if (
    !Array.isArray(decoded) ||
    typeof decoded[0] !== 'number' ||
    typeof decoded[1] !== 'string' ||
    typeof decoded[2] !== 'string'
  ) {
    throw new Error('the page cursor is not one this history gave out')
  }

  return { ts: decoded[0], reportId: decoded[1], droneId: decoded[2] }
}

function formatDuration(ms: number) {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`

  return `${Math.round(ms / 1000)} s`
}
