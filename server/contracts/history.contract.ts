import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AlertStep } from '@/lib/alert'
import type { DroneReport } from '@/lib/report'
import type { History, RejectedReport } from '@/server/ports/history'

import { waitFor } from './wait-for'

/** An empty history to test (a fresh keyspace or file), and how to throw it away. */
export type HistoryHarness = {
  history: History
  /** The retention the history was opened with, ms: short for a real store, so rows can expire. */
  retentionMs: number
  /** Lets `ms` pass for the history: moves its injected clock, or waits in real time. */
  passTime?: (ms: number) => Promise<void>
  cleanup(): Promise<void>
}

export type HistoryContractOptions = {
  /**
   * Whether the suite can make rows outlive the retention through `passTime`. Only an explicit
   * `false` skips the expiry tests, and they are then reported as skipped, never silently.
   */
  canExpireRows: boolean
}

const T0 = Date.parse('2025-03-01T10:00:00Z')

/** The behaviour every History adapter must show; `open` gives an empty history per test. */
export function describeHistoryContract(
  name: string,
  open: () => Promise<HistoryHarness>,
  options: HistoryContractOptions,
) {
  describe(`History contract: ${name}`, () => {
    let harness: HistoryHarness
    let history: History

    beforeEach(async () => {
      harness = await open()
      history = harness.history
    })

    afterEach(async () => {
      await harness.cleanup()
    })

    async function readAll(range: { from: number; to: number }, limit = 1000) {
      const page = await history.readReports(range, { after: null, limit })

      return page.reports
    }

    async function passTime(ms: number) {
      if (!harness.passTime)
        throw new Error('canExpireRows is true but the harness has no passTime')
      await harness.passTime(ms)
    }

    it('stores a report once however often it comes (B14)', async () => {
      const r2 = makeReport({ reportId: 'R2', ts: T0 + 10_000, lat: 48.86 })
      const r1 = makeReport({ reportId: 'R1', ts: T0, lat: 48.85, battery: 9 })
      const r3 = makeReport({ reportId: 'R3', ts: T0 + 20_000, lat: 48.87 })

      await history.appendReports([r2])
      await history.appendReports([r1])
      await history.appendReports([structuredClone(r2)])
      await history.appendReports([r3, structuredClone(r3)])

      const range = { from: T0, to: T0 + 60_000 }
      expect(await history.countReports(range)).toBe(3)
      expect(await readAll(range)).toEqual([r1, r2, r3])
    })

    it('keeps the reports of two drones with one report id, each (drone, id) once', async () => {
      // Report ids are only unique per drone: two drones counting from seq-1 both send seq-1.
      const fromA = makeReport({ reportId: 'seq-1', droneId: 'RA', ts: T0, people: 10 })
      const fromB = makeReport({ reportId: 'seq-1', droneId: 'RB', ts: T0 + 1, people: 20 })

      await history.appendReports([fromA, fromB])
      await history.appendReports([structuredClone(fromB), { ...fromA, people: 99 }])

      const range = { from: T0, to: T0 + 10 }
      expect(await history.countReports(range)).toBe(2)
      expect(await readAll(range)).toEqual([fromA, fromB])
    })

    it('pages in a total order when drones share both a report id and a time', async () => {
      const drones = ['D-3', 'D-1', 'D-2']
      const reports = drones.map((droneId) => makeReport({ reportId: 'seq-9', droneId, ts: T0 }))
      await history.appendReports(reports)

      const range = { from: T0, to: T0 + 10 }
      const seen: DroneReport[] = []
      let after: string | null = null
      do {
        const page = await history.readReports(range, { after, limit: 1 })
        seen.push(...page.reports)
        after = page.next
      } while (after !== null && seen.length < 10)

      expect(seen.map((report) => report.droneId)).toEqual(['D-1', 'D-2', 'D-3'])
    })

    it('lists the hours that hold reports, oldest first, with their counts', async () => {
      const HOUR_MS = 3_600_000
      const monthsAgo = Date.parse('2024-11-30T23:00:00Z')
      await history.appendReports([
        makeReport({ reportId: 'R-a', ts: T0 + HOUR_MS - 1 }),
        makeReport({ reportId: 'R-b', ts: T0 }),
        makeReport({ reportId: 'R-c', ts: T0 + 30 * 60_000 }),
        makeReport({ reportId: 'R-d', ts: T0 + HOUR_MS }),
        makeReport({ reportId: 'R-old', ts: monthsAgo + 59 * 60_000 }),
        makeReport({ reportId: 'R-old', ts: monthsAgo + 59 * 60_000 }),
        makeReport({ reportId: 'R-old', droneId: 'D-08', ts: monthsAgo }),
        makeReport({ reportId: 'R-later', ts: T0 + 5 * HOUR_MS + 1 }),
      ])

      expect(await history.listReportHours()).toEqual([
        { hour: monthsAgo, rows: 2 },
        { hour: T0, rows: 3 },
        { hour: T0 + HOUR_MS, rows: 1 },
        { hour: T0 + 5 * HOUR_MS, rows: 1 },
      ])
    })

    it('lists no hour when it holds no report', async () => {
      await history.appendAlertSteps([makeStep({ stepId: 's1' })])

      expect(await history.listReportHours()).toEqual([])
    })

    it('pages through a range in (ts, reportId, droneId) order, each row once', async () => {
      // Three reports share each instant, and ids are not in arrival order.
      const inside = Array.from({ length: 57 }, (_, index) =>
        makeReport({
          reportId: `R-${String((index * 31) % 57).padStart(2, '0')}`,
          ts: T0 + Math.floor(index / 3) * 1_000,
        }),
      )
      const before = makeReport({ reportId: 'R-before', ts: T0 - 1 })
      const atEnd = makeReport({ reportId: 'R-end', ts: T0 + 60_000 })
      await history.appendReports([...inside.slice(30), atEnd, before, ...inside.slice(0, 30)])

      const range = { from: T0, to: T0 + 60_000 }
      const pages: DroneReport[][] = []
      let after: string | null = null
      do {
        const page = await history.readReports(range, { after, limit: 10 })
        pages.push(page.reports)
        after = page.next
      } while (after !== null && pages.length < 20)

      const expected = [...inside].sort(compareByTimeThenId)
      expect(pages.flat()).toEqual(expected)
      expect(pages.map((page) => page.length)).toEqual([10, 10, 10, 10, 10, 7])
    })

    it('gives no cursor when a page holds the rest of the range', async () => {
      const reports = [0, 1, 2].map((i) => makeReport({ reportId: `R${i}`, ts: T0 + i }))
      await history.appendReports(reports)

      const page = await history.readReports({ from: T0, to: T0 + 10 }, { after: null, limit: 5 })

      expect(page.reports).toEqual(reports)
      expect(page.next).toBeNull()
    })

    it('counts the reports of a range, its start included and its end excluded', async () => {
      const reports = [0, 1, 2, 3, 4].map((i) =>
        makeReport({ reportId: `R${i}`, ts: T0 + i * 60_000 }),
      )
      await history.appendReports(reports)

      expect(await history.countReports({ from: T0, to: T0 + 5 * 60_000 })).toBe(5)
      expect(await history.countReports({ from: T0 + 60_000, to: T0 + 3 * 60_000 })).toBe(2)
      expect(await history.countReports({ from: T0 + 10 * 60_000, to: T0 + 20 * 60_000 })).toBe(0)
    })

    it('keeps every field, unknown ones included, and adds none', async () => {
      const full = makeReport({
        reportId: 'R-full',
        ts: T0,
        battery: 100,
        speedMs: 0,
        tempC: -3,
        altitudeM: 120.5,
        headingDeg: 359.9,
        extra: { firmware: '1.2', debug: { x: 1, list: [1, 'two', null] } },
      })
      const minimal = makeReport({ reportId: 'R-minimal', ts: T0 + 1 })
      await history.appendReports([full, minimal])

      const [readFull, readMinimal] = await readAll({ from: T0, to: T0 + 10 })
      expect(readFull).toEqual(full)
      expect(readMinimal).toEqual(minimal)
      expect(readMinimal?.battery ?? null).toBeNull()
      expect(readMinimal?.extra ?? null).toBeNull()
    })

    it('keeps the steps of each alert once each, oldest first', async () => {
      // A raise and its notification share an instant; the lifecycle orders them, not the ids.
      const raised = makeStep({ stepId: 'z-raised', step: 'raised', at: T0 })
      const notified = makeStep({ stepId: 'a-notified', step: 'notified', at: T0 })
      const acknowledged = makeStep({
        stepId: 's3',
        step: 'acknowledged',
        at: T0 + 90_000,
        actor: 'O-1',
      })
      const otherAlert = makeStep({ stepId: 's4', alertId: 'alert-2', at: T0 })

      await history.appendAlertSteps([acknowledged, raised])
      await history.appendAlertSteps([notified, otherAlert, structuredClone(raised)])

      expect(await history.readAlertSteps('alert-1')).toEqual([raised, notified, acknowledged])
      expect(await history.readAlertSteps('alert-2')).toEqual([otherAlert])
      expect(await history.readAlertSteps('no-such-alert')).toEqual([])
    })

    it('keeps each rejected report once, newest first, and counts them', async () => {
      const rejects = [0, 1, 2].map((i) =>
        makeRejected({ rejectId: `api:req-${i}:0`, receivedAt: T0 + i * 1_000 }),
      )
      await history.appendRejected([rejects[1]!, rejects[0]!])
      await history.appendRejected([rejects[2]!, structuredClone(rejects[0]!)])

      expect(await history.countRejected()).toBe(3)
      expect(await history.listRejected(10)).toEqual([rejects[2], rejects[1], rejects[0]])
      expect(await history.listRejected(2)).toEqual([rejects[2], rejects[1]])
    })

    it.skipIf(!options.canExpireRows)(
      'lets each row expire whole once it outlives the retention (B05)',
      async () => {
        const { retentionMs } = harness
        const early = makeReport({ reportId: 'R-early', ts: T0, battery: 80 })
        const late = makeReport({ reportId: 'R-late', ts: T0 + 1, tempC: 30 })
        const range = { from: T0, to: T0 + 10 }

        await history.appendReports([early])
        await history.appendAlertSteps([makeStep({ stepId: 's-early', at: T0 })])
        await history.appendRejected([makeRejected({ rejectId: 'x-early', receivedAt: T0 })])
        await passTime(retentionMs * 0.5)
        await history.appendReports([late])
        expect(await readAll(range)).toEqual([early, late])

        await passTime(retentionMs * 0.6)
        await waitFor(async () => (await history.countReports(range)) === 1, {
          what: 'the early report to expire',
          timeoutMs: Math.min(retentionMs, 10_000),
        })
        expect(await readAll(range)).toEqual([late])
        expect(await history.listReportHours()).toEqual([{ hour: T0, rows: 1 }])
        expect(await history.readAlertSteps('alert-1')).toEqual([])
        expect(await history.countRejected()).toBe(0)
        expect(await history.listRejected(10)).toEqual([])
      },
    )

    it.skipIf(!options.canExpireRows)(
      'stores a report again when it comes back after it expired',
      async () => {
        const report = makeReport({ reportId: 'R-again', ts: T0 })
        const range = { from: T0, to: T0 + 10 }
        await history.appendReports([report])
        await passTime(harness.retentionMs * 1.1)
        await waitFor(async () => (await history.countReports(range)) === 0, {
          what: 'the report to expire',
          timeoutMs: Math.min(harness.retentionMs, 10_000),
        })

        await history.appendReports([report])

        expect(await readAll(range)).toEqual([report])
      },
    )

    it('describes itself as the history', async () => {
      const health = await history.describe()

      expect(health.name).toBe('history')
      expect(health.state).toBe('up')
      expect(health.detail).not.toBe('')
    })
  })
}

function compareByTimeThenId(a: DroneReport, b: DroneReport) {
  if (a.ts !== b.ts) return a.ts - b.ts
  if (a.reportId !== b.reportId) return a.reportId < b.reportId ? -1 : 1
  if (a.droneId === b.droneId) return 0

  return a.droneId < b.droneId ? -1 : 1
}

function makeReport(fields: Partial<DroneReport> & Pick<DroneReport, 'reportId' | 'ts'>) {
  const report: DroneReport = {
    droneId: 'D-07',
    lat: 48.8556,
    lon: 2.2986,
    areaM2: 100,
    people: 250,
    ...fields,
  }

  return report
}

function makeStep(fields: Partial<AlertStep> & Pick<AlertStep, 'stepId'>): AlertStep {
  return {
    alertId: 'alert-1',
    step: 'raised',
    at: T0,
    severity: 'high',
    actor: 'rule',
    detail: 'density 5.1 p/m² for 30 s',
    ...fields,
  }
}

function makeRejected(
  fields: Partial<RejectedReport> & Pick<RejectedReport, 'rejectId' | 'receivedAt'>,
): RejectedReport {
  return {
    source: 'api',
    index: 0,
    reason: 'ts: must be an ISO 8601 time with an offset',
    raw: '{"droneId":"D-07","ts":"not-a-date"}',
    rawBytes: 36,
    ...fields,
  }
}
