import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Venue } from '@/lib/venue'

import type { Logger } from '../logger'
import { createSimulator } from './simulator'
import { loadTestVenue } from './test-venue'

let venue: Venue

beforeAll(async () => {
  venue = await loadTestVenue()
})

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 6, 14, 19, 30) })
})

afterEach(() => {
  vi.useRealTimers()
})

function createQuietLogger() {
  const logger = { info: vi.fn(), warn: vi.fn(), debug: vi.fn(), error: vi.fn(), child: vi.fn() }
  logger.child.mockReturnValue(logger)

  return logger
}

describe('createSimulator', () => {
  it('publishes one batch at start and then one per interval, stamped with the clock', async () => {
    const batches: { at: number; reports: { droneId: string; ts: string }[] }[] = []
    const simulator = createSimulator({
      venue,
      intervalMs: 500,
      publish: async (reports) => {
        batches.push({ at: Date.now(), reports: reports as { droneId: string; ts: string }[] })
      },
    })
    expect(simulator.status()).toEqual({ running: false, drones: 6 })

    simulator.start()
    await vi.advanceTimersByTimeAsync(2_100)
    simulator.stop()

    expect(batches.map((batch) => batch.at - batches[0]!.at)).toEqual([0, 500, 1000, 1500, 2000])
    for (const batch of batches) {
      expect(batch.reports).toHaveLength(6)
      expect(batch.reports.every((report) => report.ts === new Date(batch.at).toISOString())).toBe(
        true,
      )
    }
  })

  it('stops publishing once stopped', async () => {
    const publish = vi.fn(async () => {})
    const simulator = createSimulator({ venue, publish })
    simulator.start()
    await vi.advanceTimersByTimeAsync(1_500)
    simulator.stop()
    const published = publish.mock.calls.length
    await vi.advanceTimersByTimeAsync(5_000)

    expect(published).toBe(2)
    expect(publish).toHaveBeenCalledTimes(published)
    expect(simulator.status().running).toBe(false)
  })

  it('keeps flying when a batch cannot be published, and says so once', async () => {
    const logger = createQuietLogger()
    let calls = 0
    const simulator = createSimulator({
      venue,
      drones: 2,
      logger: logger as unknown as Logger,
      publish: async () => {
        calls += 1
        if (calls <= 3) throw new Error('bus down')
      },
    })
    simulator.start()
    await vi.advanceTimersByTimeAsync(4_500)
    simulator.stop()

    expect(calls).toBe(5)
    expect(logger.warn).toHaveBeenCalledTimes(1)
    expect(logger.info).toHaveBeenCalledWith({ failures: 3 }, 'simulator reports accepted again')
  })

  it('refuses an interval too short to be real', () => {
    expect(() => createSimulator({ venue, intervalMs: 0, publish: async () => {} })).toThrow(
      /intervalMs must be at least 10 ms/,
    )
  })
})
