import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DroneReport } from '@/lib/report'
import { describeHourPath, type Archive } from '@/server/ports/archive'

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

    it('writes an hour once: a second write leaves the first rows and one copy', async () => {
      const first = makeReports(HOUR, 'first', 3)
      const second = makeReports(HOUR, 'second', 5)

      const written = await archive.writeHour(HOUR, first)
      const again = await archive.writeHour(HOUR, second)

      expect(again).toEqual(written)
      expect(await archive.readHour(HOUR)).toEqual(first)
      expect(await archive.findHour(HOUR)).toEqual(written)
      expect(await archive.listHours()).toEqual([written])
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

      expect(await archive.findHour(HOUR)).toEqual(written)
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
