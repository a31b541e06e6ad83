import path from 'node:path'

import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DroneReport } from '@/lib/report'

import { createTempFolder } from '../embedded/create-temp-folder'
import { createFolderArchive } from '../embedded/folder-archive'
import { createSqliteHistory } from '../embedded/sqlite-history'
import type { Archive } from '../ports/archive'
import type { History } from '../ports/history'
import { createArchiver } from './archiver'

const logger = pino({ level: 'silent' })
const HOUR = 3_600_000
const NOW = Date.parse('2026-07-14T23:20:00Z')
const CLOSED_HOUR = Date.parse('2026-07-14T21:00:00Z')

let folder: Awaited<ReturnType<typeof createTempFolder>>
let history: History
let archive: Archive

beforeEach(async () => {
  folder = await createTempFolder('archiver')
  history = createSqliteHistory({ file: path.join(folder.path, 'history.sqlite'), now: () => NOW })
  archive = createFolderArchive({ root: path.join(folder.path, 'lake') })
})

afterEach(async () => {
  await history.close()
  await archive.close()
  await folder.remove()
})

function reportsOfHour(hour: number, count: number): DroneReport[] {
  return Array.from({ length: count }, (_, i) => ({
    reportId: `R-${hour}-${i}`,
    droneId: `D-0${i % 3}`,
    ts: hour + i * 1000,
    lat: 48.8556,
    lon: 2.2986,
    areaM2: 1250,
    people: 100 + i,
  }))
}

describe('the archiver', () => {
  it('moves each closed hour into the lake in pages and counts it done only with all its rows', async () => {
    await history.appendReports([
      ...reportsOfHour(CLOSED_HOUR, 250),
      ...reportsOfHour(CLOSED_HOUR + HOUR, 7),
    ])
    const archiver = createArchiver({
      history,
      archive,
      retentionMs: 24 * HOUR,
      pageSize: 40,
      now: () => NOW,
      logger,
    })

    const run = await archiver.run()

    expect(run.hours.map((hour) => [hour.hour, hour.status, hour.rows])).toEqual([
      [CLOSED_HOUR, 'archived', 250],
      [CLOSED_HOUR + HOUR, 'archived', 7],
    ])
    expect(await archive.readHour(CLOSED_HOUR)).toHaveLength(250)
    expect((await archive.findHour(CLOSED_HOUR))?.path).toBe(
      'date=2026-07-14/hour=21/reports.parquet',
    )
  })

  it('leaves the current hour and the grace period alone, so late reports still land', async () => {
    const currentHour = Date.parse('2026-07-14T23:00:00Z')
    const justClosed = Date.parse('2026-07-14T22:00:00Z')
    await history.appendReports([...reportsOfHour(currentHour, 3), ...reportsOfHour(justClosed, 3)])
    const archiver = createArchiver({
      history,
      archive,
      retentionMs: 24 * HOUR,
      graceMs: 30 * 60_000,
      now: () => NOW,
      logger,
    })

    const run = await archiver.run()

    expect(run.hours).toEqual([])
  })

  it('writes an hour once: a second run finds it archived and changes nothing', async () => {
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 12))
    const archiver = createArchiver({
      history,
      archive,
      retentionMs: 24 * HOUR,
      now: () => NOW,
      logger,
    })
    await archiver.run()
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 20))

    const second = await archiver.run()

    expect(second.hours).toEqual([
      expect.objectContaining({ hour: CLOSED_HOUR, status: 'already-archived', rows: 12 }),
    ])
    expect(await archive.readHour(CLOSED_HOUR)).toHaveLength(12)
  })

  it('reports a failed write as failed, never as done, and archives it on the next run (B06)', async () => {
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 5))
    let failuresLeft = 1
    const flakyArchive: Archive = {
      ...archive,
      findHour: (hour) => archive.findHour(hour),
      writeHour: async (hour, reports) => {
        if (failuresLeft-- > 0) throw new Error('lake refused the write (403)')

        return archive.writeHour(hour, reports)
      },
    }
    const archiver = createArchiver({
      history,
      archive: flakyArchive,
      retentionMs: 24 * HOUR,
      now: () => NOW,
      logger,
    })

    const failed = await archiver.run()
    expect(failed.hours).toEqual([
      expect.objectContaining({
        hour: CLOSED_HOUR,
        status: 'failed',
        error: 'lake refused the write (403)',
      }),
    ])
    expect(await archive.findHour(CLOSED_HOUR)).toBeNull()

    const retried = await archiver.run()
    expect(retried.hours).toEqual([expect.objectContaining({ status: 'archived', rows: 5 })])
  })
})
