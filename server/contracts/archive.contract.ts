import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DroneReport } from '@/lib/report'
import {
  describeHourPath,
  type Archive,
  type ArchivedHour,
  type HourWrite,
} from '@/server/ports/archive'

/** An empty data lake to test (a fresh folder or HDFS path), and how to throw it away. */
export type ArchiveHarness = { archive: Archive; cleanup(): Promise<void> }

const HOUR = Date.UTC(2025, 2, 1, 10)
const HOUR_MS = 3_600_000

/** The behaviour every Archive adapter must show; `open` gives an empty lake per test. */
export function describeArchiveContract(name: string, open: () => Promise<ArchiveHarness>) {
  describe(`Archive contract: ${name}`, () => {
    let harness: ArchiveHarness
    let archive: Archive

    beforeEach(async () => {
      harness = await open()
      archive = harness.archive
    })

    afterEach(async () => {
      await harness.cleanup()
    })

    it('gives back an hour with every column and value it was given', async () => {
      const full: DroneReport = {
        reportId: 'R-full',
        droneId: 'D-07',
        ts: HOUR,
        lat: 48.8556,
        lon: 2.2986,
        areaM2: 1250.5,
        people: 3100,
        battery: 100,
        speedMs: 6.2,
        tempC: -3,
        altitudeM: 120,
        headingDeg: 359.5,
        extra: { firmware: '1.2', debug: { x: 1 } },
      }
      const minimal: DroneReport = {
        reportId: 'R-minimal',
        droneId: 'D-08',
        ts: Date.parse('2025-03-01T10:32:05.120Z'),
        lat: -33.9,
        lon: 151.2,
        areaM2: 100,
        people: 0,
      }
      const lastMillisecond: DroneReport = {
        ...minimal,
        reportId: 'R-last',
        ts: HOUR + HOUR_MS - 1,
      }

      const written = await archive.writeHour(HOUR, [full, minimal, lastMillisecond])
      const read = await archive.readHour(HOUR)

      expect(written).toMatchObject({ hour: HOUR, rows: 3 })
      expect(written.path).toContain(describeHourPath(HOUR))
      expect(written.bytes).toBeGreaterThan(0)
      expect(read).toEqual([full, minimal, lastMillisecond])
      expect(new Date(read[1]!.ts).toISOString()).toBe('2025-03-01T10:32:05.120Z')
      for (const field of ['battery', 'speedMs', 'tempC', 'altitudeM', 'headingDeg', 'extra']) {
        expect(read[1]![field as keyof DroneReport] ?? null, field).toBeNull()
      }
    })

    it('keeps a unicode drone id as it is', async () => {
      const report: DroneReport = {
        reportId: 'R-ω',
        droneId: 'drône Ω-07',
        ts: HOUR + 5_000,
        lat: 48.85,
        lon: 2.29,
        areaM2: 100,
        people: 12,
      }
      await archive.writeHour(HOUR, [report])

      expect(await archive.readHour(HOUR)).toEqual([report])
    })

    it('writes the same reports twice and keeps one copy of each', async () => {
      const first = makeReports(HOUR, 'first', 3)

      const written = await archive.writeHour(HOUR, first)
      const again = await archive.writeHour(HOUR, structuredClone(first))

      expect(written).toMatchObject({ rows: 3, added: 3 })
      expect(again).toMatchObject({ rows: 3, added: 0, parts: written.parts })
      expect(await archive.readHour(HOUR)).toEqual(first)
      expect(await archive.findHour(HOUR)).toEqual(describeArchived(written))
      expect(await archive.listHours()).toEqual([describeArchived(written)])
    })

    it('completes an archived hour with exactly the reports it lacks', async () => {
      const first = makeReports(HOUR, 'first', 3)
      // Late reports, one of them from another drone with an id the lake holds already.
      const late = [
        ...makeReports(HOUR + 30 * 60_000, 'late', 2),
        { ...first[0]!, droneId: 'D-other', people: 7 },
      ]
      const written = await archive.writeHour(HOUR, first)

      const completed = await archive.writeHour(HOUR, [...late, ...first])

      expect(completed).toMatchObject({ hour: HOUR, rows: 6, added: 3 })
      expect(completed.bytes).toBeGreaterThan(written.bytes)
      expect(completed.parts).toHaveLength(2)
      expect(completed.parts.slice(0, 1)).toEqual(written.parts)
      for (const part of completed.parts) expect(part).toContain(describeHourPath(HOUR))
      expect(await archive.readHour(HOUR)).toEqual([...first, ...late])
      expect(await archive.findHour(HOUR)).toMatchObject({ rows: 6, parts: completed.parts })
      expect((await archive.listHours()).map(({ rows }) => rows)).toEqual([6])
    })

    it('stores a report given twice in one write once', async () => {
      const [report] = makeReports(HOUR, 'twice', 1)

      const written = await archive.writeHour(HOUR, [report!, structuredClone(report!)])

      expect(written).toMatchObject({ rows: 1, added: 1 })
      expect(await archive.readHour(HOUR)).toEqual([report])
    })

    it('takes the reports page by page', async () => {
      const reports = makeReports(HOUR, 'paged', 7)
      async function* pages() {
        yield reports.slice(0, 3)
        yield []
        yield reports.slice(3)
      }

      const written = await archive.writeHour(HOUR, pages())

      expect(written).toMatchObject({ rows: 7, added: 7 })
      expect(await archive.readHour(HOUR)).toEqual(reports)
    })

    it('adds no hour when there is nothing to write', async () => {
      const written = await archive.writeHour(HOUR, [])

      expect(written).toMatchObject({ hour: HOUR, rows: 0, added: 0, parts: [] })
      expect(await archive.findHour(HOUR)).toBeNull()
      expect(await archive.listHours()).toEqual([])
    })

    it('lists the archived hours, oldest first, in the date and hour layout', async () => {
      const nextDay = Date.UTC(2025, 2, 2, 0)
      const earlier = Date.UTC(2025, 1, 28, 23)
      await archive.writeHour(nextDay, makeReports(nextDay, 'a', 2))
      await archive.writeHour(earlier, makeReports(earlier, 'b', 1))
      await archive.writeHour(HOUR, makeReports(HOUR, 'c', 4))

      const hours = await archive.listHours()

      expect(hours.map(({ hour, rows }) => ({ hour, rows }))).toEqual([
        { hour: earlier, rows: 1 },
        { hour: HOUR, rows: 4 },
        { hour: nextDay, rows: 2 },
      ])
      expect(hours[0]?.path).toContain('date=2025-02-28/hour=23')
      expect(hours[2]?.path).toContain('date=2025-03-02/hour=00')
    })

    it('finds an archived hour and knows nothing of the others', async () => {
      const written = await archive.writeHour(HOUR, makeReports(HOUR, 'a', 2))

      expect(await archive.findHour(HOUR)).toEqual(describeArchived(written))
      expect(await archive.findHour(HOUR + HOUR_MS)).toBeNull()
      expect(await archive.readHour(HOUR + HOUR_MS)).toEqual([])
    })

    it('describes itself as the archive', async () => {
      const health = await archive.describe()

      expect(health.name).toBe('archive')
      expect(health.state).toBe('up')
      expect(health.detail).not.toBe('')
    })
  })
}

/** The hour as `findHour` and `listHours` give it: a write's result without its own count. */
export function describeArchived(write: HourWrite): ArchivedHour {
  const { hour, path, parts, rows, bytes } = write

  return { hour, path, parts, rows, bytes }
}

function makeReports(hour: number, prefix: string, count: number): DroneReport[] {
  return Array.from({ length: count }, (_, index) => ({
    reportId: `${prefix}-${index}`,
    droneId: `D-${index}`,
    ts: hour + index * 60_000,
    lat: 48.85 + index / 1000,
    lon: 2.29,
    areaM2: 100,
    people: 10 * index,
  }))
}
