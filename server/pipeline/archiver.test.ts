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
/** The history's clock: when rows are written, and so when they expire (24 h later). */
let clock: number

beforeEach(async () => {
  folder = await createTempFolder('archiver')
  clock = NOW
  history = createSqliteHistory({
    file: path.join(folder.path, 'history.sqlite'),
    now: () => clock,
  })
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
    expect((await archive.findHour(CLOSED_HOUR))?.parts).toEqual([
      'date=2026-07-14/hour=21/reports.parquet',
    ])
  })

  it('leaves the current hour and the grace period alone, so late reports still land', async () => {
    const currentHour = Date.parse('2026-07-14T23:00:00Z')
    const justClosed = Date.parse('2026-07-14T22:00:00Z')
    await history.appendReports([...reportsOfHour(currentHour, 3), ...reportsOfHour(justClosed, 3)])
    const archiver = createArchiver({
      history,
      archive,
      graceMs: 30 * 60_000,
      now: () => NOW,
      logger,
    })

    const run = await archiver.run()

    expect(run.hours).toEqual([])
  })

  it('completes an archived hour with the reports that came late, then adds nothing', async () => {
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 12))
    const archiver = createArchiver({ history, archive, now: () => NOW, logger })
    await archiver.run()
    // The first twelve come again (redelivered) with eight that came late.
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 20))

    const second = await archiver.run()
    const third = await archiver.run()

    expect(second.hours).toEqual([
      expect.objectContaining({ hour: CLOSED_HOUR, status: 'completed', rows: 20, added: 8 }),
    ])
    expect(third.hours).toEqual([
      expect.objectContaining({
        hour: CLOSED_HOUR,
        status: 'already-archived',
        rows: 20,
        added: 0,
      }),
    ])
    const ids = (await archive.readHour(CLOSED_HOUR)).map((report) => report.reportId)
    expect(ids.sort()).toEqual(
      reportsOfHour(CLOSED_HOUR, 20)
        .map((r) => r.reportId)
        .sort(),
    )
  })

  it('completes an hour whose first reports have expired from the history meanwhile', async () => {
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 12))
    const archiver = createArchiver({ history, archive, now: () => NOW, logger })
    await archiver.run()
    clock += 23 * HOUR
    const late = reportsOfHour(CLOSED_HOUR, 15).slice(12)
    await history.appendReports(late)
    clock += 2 * HOUR

    const run = await archiver.run()

    expect(run.hours).toEqual([
      expect.objectContaining({ hour: CLOSED_HOUR, status: 'completed', rows: 15, added: 3 }),
    ])
  })

  it('archives a closed hour of any event time, such as a replayed night months ago', async () => {
    const monthsAgo = Date.parse('2026-03-02T01:00:00Z')
    await history.appendReports(reportsOfHour(monthsAgo, 30))
    const archiver = createArchiver({ history, archive, now: () => NOW, logger })

    const run = await archiver.run()

    expect(run.hours).toEqual([
      expect.objectContaining({ hour: monthsAgo, status: 'archived', rows: 30, added: 30 }),
    ])
    expect(await archive.readHour(monthsAgo)).toHaveLength(30)
  })

  it('archives the reports of two drones that share a report id', async () => {
    const fromA = { ...reportsOfHour(CLOSED_HOUR, 1)[0]!, reportId: 'seq-1', droneId: 'RA' }
    const fromB = { ...fromA, droneId: 'RB', ts: fromA.ts + 1 }
    await history.appendReports([fromA, fromB])
    const archiver = createArchiver({ history, archive, now: () => NOW, logger })

    const run = await archiver.run()

    expect(run.hours).toEqual([expect.objectContaining({ status: 'archived', rows: 2 })])
    expect(await archive.readHour(CLOSED_HOUR)).toEqual([fromA, fromB])
  })

  it('hands the lake an hour page by page and lets other work run between pages', async () => {
    await history.appendReports(reportsOfHour(CLOSED_HOUR, 100))
    const pageSizes: number[] = []
    const ticksAtPage: number[] = []
    let ticks = 0
    const watchedArchive: Archive = {
      ...archive,
      writeHour: async (hour, reports) => {
        expect(Array.isArray(reports)).toBe(false)
        async function* watch() {
          for await (const page of reports as AsyncIterable<DroneReport[]>) {
            pageSizes.push(page.length)
            ticksAtPage.push(ticks)
            yield page
          }
        }

        return archive.writeHour(hour, watch())
      },
    }
    let ticking = true
    const tick = () => {
      ticks += 1
      if (ticking) setImmediate(tick)
    }
    setImmediate(tick)
    const archiver = createArchiver({
      history,
      archive: watchedArchive,
      pageSize: 10,
      now: () => NOW,
      logger,
    })

    const run = await archiver.run()
    ticking = false

    expect(run.hours).toEqual([expect.objectContaining({ status: 'archived', rows: 100 })])
    expect(pageSizes).toEqual(Array.from({ length: 10 }, () => 10))
    // Other work (a health check, an alert) ran between every two pages.
    for (let page = 1; page < ticksAtPage.length; page++) {
      expect(ticksAtPage[page]).toBeGreaterThan(ticksAtPage[page - 1]!)
    }
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
