import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { POST as postAck } from '@/app/api/alerts/[id]/ack/route'
import { GET as getAlert } from '@/app/api/alerts/[id]/route'
import { GET as getAlerts } from '@/app/api/alerts/route'
import { POST as postReports } from '@/app/api/reports/route'
import type { Alert } from '@/lib/alert'
import type { AlertDetail, AlertsSnapshot } from '@/lib/api-types'
import type { CellState } from '@/lib/cell-state'
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/socket-events'
import { attachSocketServer } from '@/server/realtime/socket-server'

import { buildSurge, CHAMP_DE_MARS } from '../support/surge'
import { startTestRuntime, waitUntil } from '../support/test-runtime'

type Harness = Awaited<ReturnType<typeof startTestRuntime>>
type Browser = Socket<ServerToClientEvents, ClientToServerEvents>

let harness: Harness
let httpServer: Server
let url: string

beforeAll(async () => {
  harness = await startTestRuntime()
  httpServer = createServer()
  const io = attachSocketServer(httpServer, {
    directory: harness.runtime.directory,
    logger: harness.runtime.logger,
  })
  harness.runtime.attachFeed(io)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()))
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => httpServer.close(resolve))
  await harness.stop()
})

function send(reports: object[]) {
  return postReports(
    new Request('http://test/api/reports', { method: 'POST', body: JSON.stringify(reports) }),
  )
}

function acknowledge(alertId: string, officerId: string) {
  return postAck(
    new Request(`http://test/api/alerts/${alertId}/ack`, {
      method: 'POST',
      body: JSON.stringify({ officerId }),
    }),
    { params: Promise.resolve({ id: alertId }) },
  )
}

async function listAlerts(stationId?: string): Promise<Alert[]> {
  const query = stationId ? `?stationId=${stationId}` : ''
  const response = await getAlerts(new Request(`http://test/api/alerts${query}`))

  return ((await response.json()) as AlertsSnapshot).alerts
}

async function openBrowser(
  feed: Parameters<ClientToServerEvents['feed:subscribe']>[0],
): Promise<Browser> {
  const socket: Browser = connect(url, { transports: ['websocket'], reconnection: false })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  const answer = await socket.emitWithAck('feed:subscribe', feed)
  expect(answer).toEqual({ ok: true })

  return socket
}

async function officersOf(stationId: string) {
  return harness.runtime.directory.listOfficers(stationId)
}

describe('a crowd surge on the Champ de Mars', () => {
  let alert: Alert

  it('raises one critical alert after the band held 30 s of event time, routed to the 7th', async () => {
    const staff = await openBrowser({ scope: 'staff' })
    const pushed: Alert[] = []
    staff.on('alert:changed', (changed) => pushed.push(changed))

    const surge = buildSurge({
      droneId: 'SURGE-1',
      fromTs: Date.now() - 120_000,
      count: 10,
      people: 9000,
    })
    expect((await send(surge)).status).toBe(202)

    const alerts = await waitUntil(
      () => listAlerts(),
      (list) => list.some((item) => item.kind === 'density'),
    )
    const densityAlerts = alerts.filter((item) => item.kind === 'density')
    expect(densityAlerts).toHaveLength(1)
    alert = densityAlerts[0]!
    expect(alert.severity).toBe('critical')
    expect(alert.status).toBe('open')
    expect(alert.raisedAt).toBe(Date.parse(surge[6]!.ts))
    expect(alert.stationName).toMatch(/7/)
    expect(alert.routedBy).toBe('jurisdiction')
    expect(alert.notified.length).toBeGreaterThan(0)
    await waitUntil(
      () => pushed,
      (list) => list.some((item) => item.alertId === alert.alertId),
    )
    staff.close()
  })

  it('makes no second alert when the same reports come again', async () => {
    const again = buildSurge({
      droneId: 'SURGE-1',
      fromTs: alert.raisedAt - 30_000,
      count: 10,
      people: 9000,
    })
    await send(again)
    await waitUntil(
      () => harness.runtime.bus.describeGroups(),
      (groups) => groups.every((group) => group.lag === 0),
    )

    expect((await listAlerts()).filter((item) => item.kind === 'density')).toHaveLength(1)
  })

  it('refuses an acknowledgement from an officer of another station with 403', async () => {
    const stations = await harness.runtime.directory.listStations()
    const other = stations.find((station) => station.stationId !== alert.stationId)!
    const outsider = (await officersOf(other.stationId))[0]!

    const response = await acknowledge(alert.alertId, outsider.officerId)

    expect(response.status).toBe(403)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden')
  })

  it('lets an officer of the station acknowledge, tells the command center at once, and keeps the step', async () => {
    const staff = await openBrowser({ scope: 'staff' })
    const station = await openBrowser({ scope: 'station', stationId: alert.stationId! })
    const seenByStaff: Alert[] = []
    const seenByStation: Alert[] = []
    staff.on('alert:changed', (changed) => seenByStaff.push(changed))
    station.on('alert:changed', (changed) => seenByStation.push(changed))
    const officer = (await officersOf(alert.stationId!))[0]!

    const response = await acknowledge(alert.alertId, officer.officerId)

    expect(response.status).toBe(200)
    const { alert: acknowledged } = (await response.json()) as { alert: Alert }
    expect(acknowledged.status).toBe('acknowledged')
    expect(acknowledged.acknowledgement?.officerId).toBe(officer.officerId)
    expect(acknowledged.acknowledgement?.name).toContain(officer.name)
    await waitUntil(
      () => seenByStaff,
      (list) => list.some((item) => item.status === 'acknowledged'),
    )
    await waitUntil(
      () => seenByStation,
      (list) => list.some((item) => item.status === 'acknowledged'),
    )
    const detail = (await (
      await getAlert(new Request('http://test'), { params: Promise.resolve({ id: alert.alertId }) })
    ).json()) as AlertDetail
    expect(detail.steps.map((step) => step.step)).toEqual(['raised', 'notified', 'acknowledged'])
    expect(detail.steps[2]!.actor).toBe(officer.officerId)
    staff.close()
    station.close()
  })

  it('keeps the first acknowledgement when a second one arrives (a replayed tap)', async () => {
    const officers = await officersOf(alert.stationId!)
    const response = await acknowledge(alert.alertId, officers[1]!.officerId)

    expect(response.status).toBe(200)
    const { alert: unchanged } = (await response.json()) as { alert: Alert }
    expect(unchanged.acknowledgement?.officerId).toBe(officers[0]!.officerId)
  })

  it('still refuses an officer of another station once the alert is acknowledged', async () => {
    const stations = await harness.runtime.directory.listStations()
    const other = stations.find((station) => station.stationId !== alert.stationId)!
    const outsider = (await officersOf(other.stationId))[0]!

    expect((await acknowledge(alert.alertId, outsider.officerId)).status).toBe(403)
  })

  it('answers 404 for an alert that does not exist and 400 without an officer', async () => {
    expect((await acknowledge('density:nope:1', 'x')).status).toBe(404)
    const bad = await postAck(new Request('http://test', { method: 'POST', body: '{}' }), {
      params: Promise.resolve({ id: alert.alertId }),
    })
    expect(bad.status).toBe(400)
  })

  it("shows a station's browser only that station's alerts", async () => {
    const stations = await harness.runtime.directory.listStations()
    const other = stations.find((station) => station.stationId !== alert.stationId)!

    expect(await listAlerts(other.stationId)).toHaveLength(0)
    expect((await listAlerts(alert.stationId!)).map((item) => item.alertId)).toEqual([
      alert.alertId,
    ])
  })

  it('resolves the alert once the crowd stays below the band with margin for the clear time', async () => {
    const calm = buildSurge({
      droneId: 'SURGE-1',
      fromTs: Date.now() - 60_000,
      count: 10,
      people: 1000,
    })
    await send(calm)

    const resolved = await waitUntil(
      async () => (await listAlerts()).find((item) => item.alertId === alert.alertId),
      (item) => item?.status === 'resolved',
    )
    expect(resolved!.resolvedAt).toBe(Date.parse(calm[6]!.ts))
  })
})

describe('the live push to browsers', () => {
  it('turns a flood of reports into at most a few batched cell updates', async () => {
    const browser = await openBrowser({ scope: 'staff' })
    const batches: CellState[][] = []
    browser.on('cells:updated', (cells) => batches.push(cells))
    const flood = Array.from({ length: 1500 }, (_, i) => ({
      droneId: `FLOOD-${i % 15}`,
      ts: new Date(Date.now() - 5000 + i).toISOString(),
      lat: CHAMP_DE_MARS.lat + (i % 30) * 0.0002,
      lon: CHAMP_DE_MARS.lon,
      areaM2: 1200,
      people: 1200 + i,
    }))

    await send(flood)
    await waitUntil(
      () => harness.runtime.bus.describeGroups(),
      (groups) => groups.every((group) => group.lag === 0),
    )
    await waitUntil(
      () => batches,
      (list) => list.length > 0,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))

    // 1,500 reports over 30 cells: a few pushes of changed cells, never one message per report.
    expect(batches.length).toBeLessThanOrEqual(5)
    const cellsSent = batches.flat()
    expect(cellsSent.length).toBeLessThan(200)
    expect(new Set(cellsSent.map((cell) => cell.cellId)).size).toBeGreaterThan(1)
    const last = new Map<string, CellState>()
    for (const cell of cellsSent) last.set(cell.cellId, cell)
    const stored = await harness.runtime.liveStore.listCells()
    for (const [cellId, cell] of last) {
      expect(stored.find((entry) => entry.cellId === cellId)?.reportId).toBe(cell.reportId)
    }
    browser.close()
  })
})
