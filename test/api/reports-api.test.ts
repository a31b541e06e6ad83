import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GET as getCells } from '@/app/api/cells/route'
import { GET as getDrones } from '@/app/api/drones/route'
import { GET as getHealth } from '@/app/api/health/route'
import { GET as getRejected } from '@/app/api/rejected/route'
import { POST as postReports } from '@/app/api/reports/route'
import type { CellsSnapshot, DronesSnapshot, HealthReport, ReportsAccepted } from '@/lib/api-types'
import type { RejectedReport } from '@/server/ports/history'

import { CHAMP_DE_MARS } from '../support/surge'
import { startTestRuntime, waitUntil } from '../support/test-runtime'

type Harness = Awaited<ReturnType<typeof startTestRuntime>>
let harness: Harness

beforeAll(async () => {
  harness = await startTestRuntime({ MAX_BODY_MB: '0.05', MAX_REPORT_KB: '4' })
})

afterAll(async () => {
  await harness.stop()
})

function send(body: string, contentType = 'application/json') {
  return postReports(
    new Request('http://test/api/reports', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }),
  )
}

function report(droneId: string, overrides: Record<string, unknown> = {}) {
  return {
    droneId,
    ts: new Date().toISOString(),
    lat: CHAMP_DE_MARS.lat,
    lon: CHAMP_DE_MARS.lon,
    areaM2: 1250,
    people: 2500,
    battery: 72.5,
    speedMs: 4,
    tempC: 39,
    ...overrides,
  }
}

async function readRejected(): Promise<{ rejected: RejectedReport[]; total: number }> {
  const response = await getRejected(new Request('http://test/api/rejected?limit=200'))

  return (await response.json()) as { rejected: RejectedReport[]; total: number }
}

describe('POST /api/reports', () => {
  it('accepts one report with 202 and the map and drone list then show it', async () => {
    const response = await send(JSON.stringify(report('API-ONE')))

    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] })
    const drones = await waitUntil(
      async () => ((await (await getDrones()).json()) as DronesSnapshot).drones,
      (list) => list.some((drone) => drone.droneId === 'API-ONE'),
    )
    const drone = drones.find((entry) => entry.droneId === 'API-ONE')!
    expect(drone.battery).toBe(72.5)
    const cells = ((await (await getCells()).json()) as CellsSnapshot).cells
    const cell = cells.find((entry) => entry.cellId === drone.cellId)!
    expect(cell.density).toBeCloseTo(2, 5)
    expect(cell.band).toBe('busy')
  })

  it('answers an array with the index and reason of each refused item and keeps them', async () => {
    const body = [
      report('API-ARR'),
      report('API-ARR', { people: -4 }),
      report('API-ARR', { areaM2: 0 }),
    ]
    const response = await send(JSON.stringify(body))

    expect(response.status).toBe(202)
    const result = (await response.json()) as ReportsAccepted
    expect(result.accepted).toBe(1)
    expect(result.rejected.map((item) => item.index)).toEqual([1, 2])
    expect(result.rejected[0]!.reason).toMatch(/people/)
    expect(result.rejected[1]!.reason).toMatch(/areaM2/)
    const kept = await waitUntil(readRejected, (list) =>
      list.rejected.some((item) => item.raw.includes('"people":-4')),
    )
    expect(kept.rejected.find((item) => item.raw.includes('"people":-4'))!.reason).toMatch(/people/)
  })

  it('takes NDJSON and refuses only the broken line, by its index', async () => {
    const lines = [
      JSON.stringify(report('API-ND')),
      '{"droneId": "API-ND", broken',
      JSON.stringify(report('API-ND')),
    ]
    const response = await send(lines.join('\n'), 'application/x-ndjson')

    const result = (await response.json()) as ReportsAccepted
    expect(response.status).toBe(202)
    expect(result.accepted).toBe(2)
    expect(result.rejected).toHaveLength(1)
    expect(result.rejected[0]!.index).toBe(1)
    expect(result.rejected[0]!.reason).toMatch(/line 2 is not valid JSON/)
  })

  it('answers 422 when nothing is accepted, and 400 for an empty body', async () => {
    const none = await send(JSON.stringify({ droneId: 'API-BAD', ts: 'not-a-date' }))
    expect(none.status).toBe(422)
    expect(((await none.json()) as ReportsAccepted).rejected[0]!.reason).toMatch(/ts/)

    const empty = await send('')
    expect(empty.status).toBe(400)
    expect(await empty.json()).toEqual({
      error: { code: 'bad_request', message: 'the body holds no report' },
    })
  })

  it('refuses a report from the future and one dated 1970 but keeps the good one between (B15)', async () => {
    const now = Date.now()
    const body = [
      report('API-CLOCK', { ts: now }),
      report('API-CLOCK', { ts: now + 6 * 365 * 24 * 3_600_000, lat: 48.86 }),
      report('API-CLOCK', { ts: '1970-01-01T00:00:00Z' }),
    ]
    const result = (await (await send(JSON.stringify(body))).json()) as ReportsAccepted

    expect(result.accepted).toBe(1)
    expect(result.rejected[0]).toMatchObject({ index: 1 })
    expect(result.rejected[0]!.reason).toMatch(/ahead of the server clock/)
    expect(result.rejected[1]!.reason).toMatch(/before 2000/)
  })

  it('refuses an oversized report with its size and keeps a cut copy of it (B02)', async () => {
    const giant = report('API-BIG', { notes: 'x'.repeat(6000) })
    const result = (await (
      await send(JSON.stringify([giant, report('API-BIG')]))
    ).json()) as ReportsAccepted

    expect(result.accepted).toBe(1)
    expect(result.rejected[0]!.reason).toMatch(/above the 4 KB limit/)
    const kept = await waitUntil(readRejected, (list) =>
      list.rejected.some((item) => item.rawBytes > 6000),
    )
    expect(kept.rejected.find((item) => item.rawBytes > 6000)!.raw.length).toBeLessThanOrEqual(4096)
  })

  it('answers 413 for a body above the limit and still keeps a trace of it', async () => {
    const before = (await readRejected()).total
    const response = await send(
      JSON.stringify(Array.from({ length: 400 }, () => report('API-FLOOD'))),
    )

    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    )
    await waitUntil(
      async () => (await readRejected()).total,
      (total) => total === before + 1,
    )
  })

  it('refuses a body that is not UTF-8 with 400 and keeps a trace of it', async () => {
    const before = (await readRejected()).total
    const latin1 = Buffer.from(JSON.stringify(report('T-\u00e9')), 'latin1')
    const response = await postReports(
      new Request('http://test/api/reports', { method: 'POST', body: latin1 }),
    )

    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /not UTF-8/,
    )
    await waitUntil(
      async () => (await readRejected()).total,
      (total) => total === before + 1,
    )
  })

  it('keeps two drones apart even when they use the same report id', async () => {
    const ts = Date.now() - 5000
    await send(
      JSON.stringify([
        report('SAME-ID-A', { reportId: 'seq-1', ts }),
        report('SAME-ID-B', { reportId: 'seq-1', ts: ts + 1 }),
      ]),
    )

    await waitUntil(
      async () => harness.runtime.history.countReports({ from: ts, to: ts + 2 }),
      (count) => count === 2,
    )
  })

  it('never moves the live drone backwards and stores a duplicate once (B14)', async () => {
    const base = Date.now() - 60_000
    const r2 = report('API-B14', { ts: base + 10_000, lat: 48.856, reportId: 'b14-r2' })
    const r1 = report('API-B14', { ts: base, lat: 48.855, battery: 9, reportId: 'b14-r1' })
    const r3 = report('API-B14', { ts: base + 20_000, lat: 48.857, reportId: 'b14-r3' })

    await send(JSON.stringify(r2))
    await send(JSON.stringify(r1))
    const afterLate = await waitUntil(
      async () => harness.runtime.history.countReports({ from: base - 1, to: base + 30_000 }),
      (count) => count === 2,
    )
    expect(afterLate).toBe(2)
    const droneAfterR1 = (await harness.runtime.liveStore.listDrones()).find(
      (d) => d.droneId === 'API-B14',
    )
    expect(droneAfterR1?.reportId).toBe('b14-r2')

    await send(JSON.stringify(r2))
    await send(JSON.stringify(r3))
    await waitUntil(
      async () =>
        (await harness.runtime.liveStore.listDrones()).find((d) => d.droneId === 'API-B14'),
      (drone) => drone?.reportId === 'b14-r3',
    )
    await waitUntil(
      async () => harness.runtime.bus.describeGroups(),
      (groups) => groups.every((group) => group.lag === 0),
    )
    expect(await harness.runtime.history.countReports({ from: base - 1, to: base + 30_000 })).toBe(
      3,
    )
  })
})

describe('GET /api/health', () => {
  it('lists every component and consumer group with the counts of accepted and refused reports', async () => {
    const health = await waitUntil(
      async () => (await (await getHealth()).json()) as HealthReport,
      (report) => report.counts.rejected > 0 && report.groups.every((group) => group.lag === 0),
    )

    expect(health.status).toBe('up')
    expect(health.components.map((component) => component.name).sort()).toEqual([
      'archive',
      'bus',
      'directory',
      'history',
      'live-store',
    ])
    const feed = `feed-${harness.runtime.instanceId}`
    expect(health.groups.map((group) => `${group.groupId} on ${group.topic}`).sort()).toEqual([
      'alerts on cell.observations',
      `${feed} on crowd.alerts`,
      `${feed} on crowd.live`,
      'live-state on drone.reports',
      'rejected-keeper on reports.rejected',
    ])
    expect(health.counts.accepted).toBeGreaterThan(0)
    expect(health.simulator).toBeNull()
  })
})
