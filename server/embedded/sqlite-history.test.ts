import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AlertStep } from '@/lib/alert'
import type { DroneReport } from '@/lib/report'
import { describeHistoryContract } from '@/server/contracts/history.contract'
import type { RejectedReport } from '@/server/ports/history'

import { createSqliteHistory, type SqliteHistory } from './sqlite-history'
import { createTempFolder } from './create-temp-folder'

const RETENTION_MS = 24 * 3_600_000

describeHistoryContract(
  'embedded SQLite',
  async () => {
    const folder = await createTempFolder('history')
    let clock = Date.parse('2025-03-01T12:00:00Z')
    const history = createSqliteHistory({
      file: join(folder.path, 'history.sqlite'),
      retentionMs: RETENTION_MS,
      now: () => clock,
    })

    return {
      history,
      retentionMs: RETENTION_MS,
      passTime: async (ms) => {
        clock += ms
      },
      cleanup: async () => {
        await history.close()
        await folder.remove()
      },
    }
  },
  { canExpireRows: true },
)

describe('embedded SQLite history', () => {
  let folder: Awaited<ReturnType<typeof createTempFolder>>
  let clock: number
  let history: SqliteHistory
  const file = () => join(folder.path, 'history.sqlite')

  beforeEach(async () => {
    folder = await createTempFolder('history')
    clock = Date.parse('2025-03-01T12:00:00Z')
    history = createSqliteHistory({ file: file(), retentionMs: 60_000, now: () => clock })
  })

  afterEach(async () => {
    await history.close()
    await folder.remove()
  })

  it('deletes expired rows of every kind when pruned, and only those', async () => {
    await history.appendReports([REPORT])
    await history.appendAlertSteps([STEP])
    await history.appendRejected([REJECTED])
    clock += 30_000
    await history.appendReports([{ ...REPORT, reportId: 'R-young' }])

    clock += 30_000
    expect(history.removeExpired()).toBe(3)
    expect(history.removeExpired()).toBe(0)
    expect(await history.countReports({ from: REPORT.ts, to: REPORT.ts + 1 })).toBe(1)
  })

  it('refuses a cursor it did not give out and a page limit below 1', async () => {
    const range = { from: 0, to: Date.now() }

    await expect(history.readReports(range, { after: 'bogus', limit: 10 })).rejects.toThrow(
      'page cursor',
    )
    await expect(history.readReports(range, { after: null, limit: 0 })).rejects.toThrow('limit')
    await expect(history.listRejected(-1)).rejects.toThrow('limit')
  })

  it('opens a file of an earlier version, keyed by report id alone, with its reports', async () => {
    await history.close()
    await folder.remove()
    folder = await createTempFolder('history')
    const writtenAt = clock - 30_000
    const old = new Database(file())
    old.exec(`
      CREATE TABLE reports (report_id TEXT PRIMARY KEY, ts INTEGER NOT NULL,
        written_at INTEGER NOT NULL, report TEXT NOT NULL);
      CREATE INDEX reports_by_time ON reports (ts, report_id);
      CREATE INDEX reports_by_write ON reports (written_at);
    `)
    old
      .prepare('INSERT INTO reports VALUES (?, ?, ?, ?)')
      .run(REPORT.reportId, REPORT.ts, writtenAt, JSON.stringify(REPORT))
    old.close()

    history = createSqliteHistory({ file: file(), retentionMs: 60_000, now: () => clock })
    const sameIdOtherDrone = { ...REPORT, droneId: 'D-08' }
    await history.appendReports([sameIdOtherDrone, structuredClone(REPORT)])

    const range = { from: REPORT.ts, to: REPORT.ts + 1 }
    const page = await history.readReports(range, { after: null, limit: 10 })
    expect(page.reports).toEqual([REPORT, sameIdOtherDrone])
    // The moved row keeps its write time, so it expires when it would have.
    clock += 30_000
    expect(await history.countReports(range)).toBe(1)
  })

  it('is down while reports cannot be written, and up once the next write lands', async () => {
    await history.close()
    const since = clock
    history = createSqliteHistory({ file: file(), maxBytes: 64 * 1024, now: () => clock })
    const bulky = { ...REPORT, reportId: 'R-bulky', extra: { blob: 'x'.repeat(1_000_000) } }

    await expect(history.appendReports([bulky])).rejects.toThrow(/full/)
    clock += 5_000
    await expect(history.appendReports([bulky])).rejects.toThrow(/full/)

    const down = await history.describe()
    expect(down.state).toBe('down')
    expect(down.detail).toContain(`report writes failing since ${new Date(since).toISOString()}`)
    expect(down.detail).toContain('full')

    await history.appendReports([REPORT])
    expect((await history.describe()).state).toBe('up')
  })

  it('describes its file and retention', async () => {
    expect(await history.describe()).toEqual({
      name: 'history',
      state: 'up',
      detail: `embedded SQLite at ${file()}, rows kept 60 s`,
    })
  })
})

const REPORT: DroneReport = {
  reportId: 'R-old',
  droneId: 'D-07',
  ts: Date.parse('2025-03-01T11:00:00Z'),
  lat: 48.85,
  lon: 2.29,
  areaM2: 100,
  people: 250,
}

const STEP: AlertStep = {
  stepId: 'step-1',
  alertId: 'alert-1',
  step: 'raised',
  at: REPORT.ts,
  severity: 'high',
  actor: 'rule',
  detail: 'density 5 p/m²',
}

const REJECTED: RejectedReport = {
  rejectId: 'api:1:0',
  receivedAt: REPORT.ts,
  source: 'api',
  index: 0,
  reason: 'people: is required',
  raw: '{}',
  rawBytes: 2,
}
