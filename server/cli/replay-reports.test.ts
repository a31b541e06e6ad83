import { describe, expect, it } from 'vitest'

import type { PostOutcome } from './post-reports'
import type { FileEntry } from './read-report-file'
import { planReplayDelay, readEventTime, replayReports } from './replay-reports'

const T0 = Date.UTC(2026, 6, 14, 19, 30)

function report(n: number, secondsAfter = n): FileEntry {
  return {
    where: `line ${n}`,
    bytes: 100,
    value: { n, ts: new Date(T0 + secondsAfter * 1000).toISOString() },
  }
}

async function* fromList(entries: FileEntry[]) {
  yield* entries
}

/** A server that accepts everything except the reports listed as refused. */
function createFakeServer(refuse: number[] = []) {
  const batches: number[][] = []
  const post = async (reports: unknown[]): Promise<PostOutcome> => {
    const numbers = reports.map((value) => (value as { n: number }).n)
    batches.push(numbers)
    const rejected = numbers.flatMap((n, index) =>
      refuse.includes(n) ? [{ index, reason: `report ${n} is bad` }] : [],
    )

    return { ok: true, accepted: numbers.length - rejected.length, rejected }
  }

  return { post, batches }
}

/** A clock that only moves when the replay sleeps. */
function createFakeClock() {
  let now = 1_000_000
  const sleeps: number[] = []

  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    sleeps,
  }
}

describe('planReplayDelay', () => {
  const origin = { originEventMs: T0, originWallMs: 5_000 }

  it('spaces reports by their event time divided by the speed', () => {
    expect(planReplayDelay({ ...origin, eventMs: T0 + 10_000, nowMs: 5_000, speed: 1 })).toBe(
      10_000,
    )
    expect(planReplayDelay({ ...origin, eventMs: T0 + 10_000, nowMs: 5_000, speed: 10 })).toBe(
      1_000,
    )
    expect(planReplayDelay({ ...origin, eventMs: T0 + 10_000, nowMs: 5_600, speed: 10 })).toBe(400)
  })

  it('never waits for a report that is late or out of order', () => {
    expect(planReplayDelay({ ...origin, eventMs: T0 + 1_000, nowMs: 9_000, speed: 1 })).toBe(0)
    expect(planReplayDelay({ ...origin, eventMs: T0 - 60_000, nowMs: 5_000, speed: 1 })).toBe(0)
  })
})

describe('readEventTime', () => {
  it('reads ISO and epoch times, and gives null when there is none', () => {
    expect(readEventTime({ ts: '2026-07-14T19:30:00Z' })).toBe(T0)
    expect(readEventTime({ ts: T0 })).toBe(T0)
    expect(readEventTime({ ts: 'yesterday' })).toBeNull()
    expect(readEventTime(['not', 'a', 'report'])).toBeNull()
  })
})

describe('replayReports', () => {
  it('sends full batches in file order, as fast as it can without --speed', async () => {
    const server = createFakeServer()
    const clock = createFakeClock()
    const entries = Array.from({ length: 7 }, (_, i) => report(i + 1))
    const summary = await replayReports(fromList(entries), {
      batchSize: 3,
      speed: null,
      ...clock,
      ...server,
    })

    expect(server.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(clock.sleeps).toEqual([])
    expect(summary).toMatchObject({ read: 7, sent: 7, accepted: 7, rejected: 0, stoppedBy: null })
  })

  it('names the file line of each refused or unreadable report', async () => {
    const server = createFakeServer([2, 5])
    const problems: string[] = []
    const entries = [
      report(1),
      report(2),
      { where: 'line 3', bytes: 4, error: 'not JSON' },
      report(4),
      report(5),
    ]
    const summary = await replayReports(fromList(entries), {
      batchSize: 2,
      speed: null,
      ...server,
      onProblem: (where, reason) => problems.push(`${where}: ${reason}`),
    })

    expect(problems).toEqual([
      'line 2: report 2 is bad',
      'line 3: not JSON',
      'line 5: report 5 is bad',
    ])
    expect(summary).toMatchObject({ read: 5, sent: 4, accepted: 2, rejected: 2, unreadable: 1 })
  })

  it('paces on event time at the given speed, sending what is due together', async () => {
    const server = createFakeServer()
    const clock = createFakeClock()
    // Three reports in the same second, then one 10 s later and one 20 s later.
    const entries = [report(1, 0), report(2, 0), report(3, 0), report(4, 10), report(5, 20)]
    await replayReports(fromList(entries), { batchSize: 500, speed: 5, ...clock, ...server })

    expect(server.batches).toEqual([[1, 2, 3], [4], [5]])
    expect(clock.sleeps).toEqual([2_000, 2_000])
  })

  it('stops at a server it cannot reach and counts what was not delivered', async () => {
    let calls = 0
    const post = async (reports: unknown[]): Promise<PostOutcome> => {
      calls += 1
      if (calls === 1) return { ok: true, accepted: reports.length, rejected: [] }

      return { ok: false, kind: 'unreachable', message: 'cannot reach http://x: ECONNREFUSED' }
    }
    const entries = Array.from({ length: 10 }, (_, i) => report(i + 1))
    const summary = await replayReports(fromList(entries), { batchSize: 4, speed: null, post })

    expect(calls).toBe(2)
    expect(summary).toMatchObject({ sent: 8, accepted: 4, failed: 4, read: 8 })
    expect(summary.stoppedBy).toMatch(/ECONNREFUSED/)
  })

  it('goes on after a batch the server refused outright', async () => {
    let calls = 0
    const post = async (reports: unknown[]): Promise<PostOutcome> => {
      calls += 1
      if (calls === 1) return { ok: false, kind: 'refused', message: 'answered 413: too large' }

      return { ok: true, accepted: reports.length, rejected: [] }
    }
    const entries = Array.from({ length: 4 }, (_, i) => report(i + 1))
    const summary = await replayReports(fromList(entries), { batchSize: 2, speed: null, post })

    expect(summary).toMatchObject({ sent: 4, accepted: 2, failed: 2, stoppedBy: null })
  })
})
