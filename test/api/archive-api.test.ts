import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GET as getArchive, POST as postArchive } from '@/app/api/archive/route'
import { POST as postReports } from '@/app/api/reports/route'
import type { ArchivedHour } from '@/server/ports/archive'
import type { ArchiveRun } from '@/server/pipeline/archiver'

import { buildSurge } from '../support/surge'
import { startTestRuntime, waitUntil } from '../support/test-runtime'

type Harness = Awaited<ReturnType<typeof startTestRuntime>>
let harness: Harness

beforeAll(async () => {
  harness = await startTestRuntime({ CLOCK_SKEW_S: '10' })
})

afterAll(async () => {
  await harness.stop()
})

const HOUR = 3_600_000

async function readArchive() {
  const response = await getArchive()

  return (await response.json()) as { run: ArchiveRun | null; hours: ArchivedHour[] }
}

describe('POST /api/archive', () => {
  it('starts a run at once, shows its progress, and puts the closed hour in the lake', async () => {
    const hour = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR
    const reports = buildSurge({
      droneId: 'ARCH-1',
      fromTs: hour + 60_000,
      count: 40,
      stepMs: 1000,
      people: 500,
    })
    expect(
      (
        await postReports(
          new Request('http://test', { method: 'POST', body: JSON.stringify(reports) }),
        )
      ).status,
    ).toBe(202)
    await waitUntil(
      () => harness.runtime.history.countReports({ from: hour, to: hour + HOUR }),
      (count) => count === 40,
    )

    const started = await postArchive(new Request('http://test/api/archive', { method: 'POST' }))

    expect(started.status).toBe(202)
    expect(((await started.json()) as { run: ArchiveRun }).run.startedAt).toBeGreaterThan(0)
    const finished = await waitUntil(readArchive, (state) => state.run?.finishedAt != null)
    expect(finished.run!.hoursTotal).toBe(1)
    expect(finished.run!.hours).toEqual([
      expect.objectContaining({ hour, status: 'archived', rows: 40, added: 40 }),
    ])
    expect(finished.hours.find((entry) => entry.hour === hour)?.rows).toBe(40)
  })

  it('waits for the run when asked, and finds the hour already archived the second time', async () => {
    const response = await postArchive(
      new Request('http://test/api/archive?wait=true', { method: 'POST' }),
    )

    expect(response.status).toBe(200)
    const { run } = (await response.json()) as { run: ArchiveRun }
    expect(run.hours.map((hour) => hour.status)).toEqual(['already-archived'])
  })
})
