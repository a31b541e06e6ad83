import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { pickLatest, supersedes, type Timed } from './live-state'
import { validateReport, type DroneReport, type ReportCheckContext } from './report'

const NOW = Date.UTC(2026, 6, 14, 10, 0, 30)
const context: ReportCheckContext = { now: NOW, maxFutureSkewMs: 120_000 }

function accept(raw: Record<string, unknown>): DroneReport {
  const verdict = validateReport(raw, context)
  if (!verdict.ok) throw new Error(verdict.reason)

  return verdict.report
}

/** The live state after reports arrive in the given order, as the live-state consumer keeps it. */
function applyInArrivalOrder<T extends Timed>(arrivals: T[]): T[] {
  const states: T[] = []
  let current: T | undefined
  for (const report of arrivals) {
    if (supersedes(report, current)) current = report
    if (current) states.push(current)
  }

  return states
}

const d07 = { droneId: 'D-07', lon: 2.2986, areaM2: 1000, people: 1500 }

describe('supersedes', () => {
  it('takes anything over no state at all', () => {
    expect(supersedes({ ts: 1, reportId: 'a' }, undefined)).toBe(true)
  })

  it('takes a later event time and refuses an earlier one, whatever the ids', () => {
    expect(supersedes({ ts: 2, reportId: 'a' }, { ts: 1, reportId: 'z' })).toBe(true)
    expect(supersedes({ ts: 1, reportId: 'z' }, { ts: 2, reportId: 'a' })).toBe(false)
  })

  it('settles equal times by report id, the same way from either side', () => {
    const a = { ts: 5, reportId: 'a' }
    const b = { ts: 5, reportId: 'b' }

    expect(supersedes(b, a)).toBe(true)
    expect(supersedes(a, b)).toBe(false)
  })

  it('does not let a redelivered report replace itself', () => {
    const report = { ts: 5, reportId: 'r' }

    expect(supersedes({ ...report }, report)).toBe(false)
  })
})

describe('live state of a drone (B14: out of order and duplicate reports)', () => {
  const r2 = accept({ ...d07, ts: '2026-07-14T10:00:10Z', lat: 48.86 })
  const r1 = accept({ ...d07, ts: '2026-07-14T10:00:00Z', lat: 48.85, battery: 9 })
  const r2Again = accept(
    JSON.parse(JSON.stringify({ ...d07, ts: '2026-07-14T10:00:10Z', lat: 48.86 })),
  )
  const r3 = accept({ ...d07, ts: '2026-07-14T10:00:20Z', lat: 48.87 })

  it('stays on R2 when the older R1 arrives late, and ends on R3', () => {
    const states = applyInArrivalOrder([r2, r1, r2Again, r3])

    expect(states.map((state) => state.lat)).toEqual([48.86, 48.86, 48.86, 48.87])
    expect(states[1]).toBe(r2)
    expect(states[3]).toBe(r3)
  })

  it('never takes the late low-battery R1 as the current battery', () => {
    const states = applyInArrivalOrder([r2, r1, r2Again, r3])

    expect(states.every((state) => state.battery !== 9)).toBe(true)
  })

  it('gives the byte-for-byte duplicate of R2 the same id, so it is written once', () => {
    expect(r2Again.reportId).toBe(r2.reportId)
    expect(supersedes(r2Again, r2)).toBe(false)
  })

  it('ends on R3 whatever order the four reports arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([r1, r2, r2Again, r3], { minLength: 4 }), (arrivals) => {
        expect(applyInArrivalOrder(arrivals).at(-1)).toEqual(r3)
      }),
    )
  })
})

describe('live state of a drone (B15: a future or epoch-zero report)', () => {
  it('refuses the far-future and 1970 reports at the door, so R3 becomes the live state', () => {
    const sixYears = new Date(NOW)
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() + 6)
    const raws = [
      { ...d07, ts: NOW, lat: 48.85 },
      { ...d07, ts: sixYears.getTime(), lat: 48.9 },
      { ...d07, ts: NOW + 10_000, lat: 48.86 },
      { ...d07, ts: '1970-01-01T00:00:00Z', lat: 48.87 },
    ]
    const verdicts = raws.map((raw) => validateReport(raw, context))

    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false, true, false])

    const accepted = verdicts.flatMap((verdict) => (verdict.ok ? [verdict.report] : []))
    const live = applyInArrivalOrder(accepted).at(-1)

    expect(live?.ts).toBe(NOW + 10_000)
    expect(live?.lat).toBe(48.86)
  })
})

describe('pickLatest', () => {
  type Item = Timed & { droneId: string }
  const item = (droneId: string, ts: number, reportId = `${droneId}@${ts}`): Item => ({
    droneId,
    ts,
    reportId,
  })

  it('keeps the newest item per key', () => {
    const latest = pickLatest(
      [item('D-1', 10), item('D-2', 30), item('D-1', 20), item('D-2', 5)],
      (entry) => entry.droneId,
    )

    expect(latest.get('D-1')?.ts).toBe(20)
    expect(latest.get('D-2')?.ts).toBe(30)
    expect(latest.size).toBe(2)
  })

  it('breaks a tie on time by report id whatever the order', () => {
    const a = item('D-1', 10, 'a')
    const b = item('D-1', 10, 'b')

    expect(pickLatest([a, b], (entry) => entry.droneId).get('D-1')).toBe(b)
    expect(pickLatest([b, a], (entry) => entry.droneId).get('D-1')).toBe(b)
  })

  it('gives nothing for no items', () => {
    expect(pickLatest([], (entry: Item) => entry.droneId).size).toBe(0)
  })

  it('gives the same winners for any shuffle of a batch', () => {
    const batch = [
      item('D-1', 10),
      item('D-1', 30),
      item('D-1', 30, 'D-1@30-retry'),
      item('D-1', 20),
      item('D-2', 5),
      item('D-2', 50),
      item('D-2', 50),
      item('D-3', 1),
    ]
    const expected = new Map([
      ['D-1', 'D-1@30-retry'],
      ['D-2', 'D-2@50'],
      ['D-3', 'D-3@1'],
    ])

    fc.assert(
      fc.property(fc.shuffledSubarray(batch, { minLength: batch.length }), (shuffled) => {
        const latest = pickLatest(shuffled, (entry) => entry.droneId)
        const winners = new Map([...latest].map(([key, entry]) => [key, entry.reportId]))

        expect(winners).toEqual(expected)
      }),
    )
  })
})
