import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { validateReport } from '@/lib/report'
import type { Venue } from '@/lib/venue'

import { loadTestVenue } from '../simulator/test-venue'
import { readReportFile } from './read-report-file'
import { writeScenarioFile } from './write-scenario-file'

const START = Date.UTC(2026, 6, 14, 19, 30)

let venue: Venue
let scratch: string

beforeAll(async () => {
  venue = await loadTestVenue()
  scratch = await mkdtemp(path.join(tmpdir(), 'crowdwatch-scenario-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('writeScenarioFile', () => {
  it('writes a replayable NDJSON file of valid reports in event-time order', async () => {
    const file = path.join(scratch, 'two-minutes.ndjson')
    const ticks: number[] = []
    const written = await writeScenarioFile(venue, {
      file,
      startMs: START,
      durationMs: 120_000,
      intervalMs: 1_000,
      onStep: (done) => ticks.push(done),
    })

    expect(written.steps).toBe(121)
    expect(ticks[ticks.length - 1]).toBe(121)
    expect(written.endMs).toBe(START + 120_000)

    const times: number[] = []
    const refusals: string[] = []
    for await (const entry of readReportFile(file)) {
      if ('error' in entry) throw new Error(`${entry.where}: ${entry.error}`)
      const verdict = validateReport(entry.value, { now: START + 120_000, maxFutureSkewMs: 0 })
      if (verdict.ok) times.push(verdict.report.ts)
      else refusals.push(verdict.reason)
    }
    expect(refusals).toEqual([])
    expect(times).toHaveLength(written.reports)
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(
      true,
    )
  })

  it('fails with the reason when the file cannot be written', async () => {
    const file = path.join(scratch, 'missing-folder', 'out.ndjson')
    await expect(
      writeScenarioFile(venue, { file, startMs: START, durationMs: 5_000, intervalMs: 1_000 }),
    ).rejects.toThrow(/ENOENT/)
  })
})
