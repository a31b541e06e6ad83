import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import type { Alert } from '../lib/alert'
import type {
  AlertDetail,
  AlertsSnapshot,
  OfficersSnapshot,
  StationsSnapshot,
} from '../lib/api-types'
import { buildSurge } from '../test/support/surge'
import { isNearSpot, RECONNECT_SPOT, SURGE_SPOT } from './surge-spot'

async function openCommandCenter(page: Page) {
  await page.goto('/')
  const map = page.getByTestId('map')
  await expect(map).toHaveAttribute('data-map-ready', 'true', { timeout: 60_000 })

  return map
}

test('the map shows the simulator crowd as coloured cells, with drones and key figures', async ({
  page,
}) => {
  const map = await openCommandCenter(page)

  await expect
    .poll(async () => Number(await map.getAttribute('data-cell-count')), { timeout: 60_000 })
    .toBeGreaterThan(10)
  const bandCounts = JSON.parse((await map.getAttribute('data-band-counts')) ?? '{}') as Record<
    string,
    number
  >
  expect(Object.values(bandCounts).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(10)
  expect(
    Object.keys(bandCounts).filter((band) => (bandCounts[band] ?? 0) > 0).length,
  ).toBeGreaterThan(1)

  await expect(page.getByTestId('figure-drones-up')).not.toHaveText(/^\D*0\D*$/)
  await expect(page.getByTestId('figure-people')).toHaveText(/\d/)
  await expect(page.getByTestId('connection-banner')).toBeHidden()
})

test('a surge sent to POST /api/reports raises a critical alert that an officer acknowledges', async ({
  page,
  browser,
  request,
}) => {
  await openCommandCenter(page)
  const droneId = `E2E-${Date.now()}`
  const surge = buildSurge({
    droneId,
    fromTs: Date.now() - 90_000,
    count: 12,
    people: 9500,
    ...SURGE_SPOT,
  })

  const sent = await request.post('/api/reports', { data: surge })
  expect(sent.status()).toBe(202)
  expect(await sent.json()).toEqual({ accepted: 12, rejected: [] })

  const alert = await findCriticalAlert(request, SURGE_SPOT)
  const item = page.locator(`[data-testid="alert-item"][data-alert-id="${alert.alertId}"]`)
  await expect(item).toBeVisible()
  await expect(item).toHaveAttribute('data-severity', 'critical')
  await expect(item).toHaveAttribute('data-status', 'open')

  const outsider = await pickOfficerOfAnotherStation(request, alert.stationId!)
  const refused = await request.post(`/api/alerts/${encodeURIComponent(alert.alertId)}/ack`, {
    data: { officerId: outsider },
  })
  expect(refused.status()).toBe(403)

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const officerPage = await phone.newPage()
  const officer = await pickOfficerOnDuty(request, alert.stationId!)
  await officerPage.goto('/officer')
  await officerPage.getByTestId('station-select').selectOption(alert.stationId!)
  await officerPage.getByTestId('officer-select').selectOption(officer.officerId)
  const officerItem = officerPage.locator(
    `[data-testid="alert-item"][data-alert-id="${alert.alertId}"]`,
  )
  await expect(officerItem).toBeVisible()
  await officerItem.getByTestId('ack-button').click()
  await expect(officerItem).toHaveAttribute('data-status', 'acknowledged')

  await expect(item).toHaveAttribute('data-status', 'acknowledged')
  const ackInfo = item.getByTestId('alert-ack-info')
  await expect(ackInfo).toContainText(officer.name)
  await expect(ackInfo).toContainText(/\d{2}:\d{2}/)

  const detail = (await (
    await request.get(`/api/alerts/${encodeURIComponent(alert.alertId)}`)
  ).json()) as AlertDetail
  const acknowledged = detail.steps.find((step) => step.step === 'acknowledged')
  expect(acknowledged?.actor).toBe(officer.officerId)
  expect(detail.alert.acknowledgement?.officerId).toBe(officer.officerId)
  await phone.close()
})

async function findCriticalAlert(request: APIRequestContext, spot: typeof SURGE_SPOT) {
  let found: Alert | undefined
  await expect
    .poll(
      async () => {
        const snapshot = (await (await request.get('/api/alerts')).json()) as AlertsSnapshot
        found = snapshot.alerts.find(
          (alert) => alert.severity === 'critical' && isNearSpot(alert, spot),
        )

        return Boolean(found)
      },
      { timeout: 30_000, message: `a critical alert near ${JSON.stringify(spot)}` },
    )
    .toBe(true)

  return found!
}

async function pickOfficerOfAnotherStation(request: APIRequestContext, stationId: string) {
  const { stations } = (await (await request.get('/api/stations')).json()) as StationsSnapshot
  const other = stations.find((station) => station.stationId !== stationId)!
  const snapshot = (await (
    await request.get(`/api/stations/${other.stationId}/officers`)
  ).json()) as OfficersSnapshot

  return snapshot.officers[0]!.officerId
}

async function pickOfficerOnDuty(request: APIRequestContext, stationId: string) {
  const snapshot = (await (
    await request.get(`/api/stations/${stationId}/officers`)
  ).json()) as OfficersSnapshot
  const onDuty = snapshot.officers.find((officer) => snapshot.onDuty.includes(officer.officerId))

  return onDuty ?? snapshot.officers[0]!
}

test('a browser that was offline while an alert was raised shows it once after reconnecting (B08)', async ({
  page,
  context,
  request,
}) => {
  await openCommandCenter(page)
  await expect(page.getByTestId('connection-banner')).toBeHidden()

  await context.setOffline(true)
  await expect(page.getByTestId('connection-banner')).toBeVisible()
  const surge = buildSurge({
    droneId: `E2E-OFFLINE-${Date.now()}`,
    fromTs: Date.now() - 90_000,
    count: 12,
    people: 9500,
    ...RECONNECT_SPOT,
  })
  expect((await request.post('/api/reports', { data: surge })).status()).toBe(202)
  const alert = await findCriticalAlert(request, RECONNECT_SPOT)
  const item = page.locator(`[data-testid="alert-item"][data-alert-id="${alert.alertId}"]`)
  await expect(item).toHaveCount(0)

  await context.setOffline(false)

  await expect(page.getByTestId('connection-banner')).toBeHidden()
  await expect(item).toHaveCount(1)
  await expect(item).toHaveAttribute('data-severity', 'critical')
})

test('the API answers refusals with their own status and code through the real server', async ({
  request,
}) => {
  const empty = await request.post('/api/reports', {
    data: Buffer.from('  \n'),
    headers: { 'content-type': 'application/json' },
  })
  expect(empty.status()).toBe(400)
  expect(await empty.json()).toEqual({
    error: { code: 'bad_request', message: 'the body holds no report' },
  })

  const unknown = await request.post('/api/alerts/density%3Anowhere%3A1/ack', {
    data: { officerId: 'x' },
  })
  expect(unknown.status()).toBe(404)
  expect((await unknown.json()).error.code).toBe('not_found')

  const nothing = await request.post('/api/reports', { data: [{ droneId: 'E2E-BAD', people: -1 }] })
  expect(nothing.status()).toBe(422)
})
