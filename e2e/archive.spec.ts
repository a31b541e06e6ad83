import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import type { ArchiveSnapshot, DronesSnapshot } from '../lib/api-types'
import { buildSurge } from '../test/support/surge'

const HOUR = 3_600_000

type ProgressSample = { state: string | null; text: string; buttonDisabled: boolean }

/** Waits until the drone's last report is in the live store: the history took it before. */
async function waitForDroneReport(request: APIRequestContext, droneId: string, ts: number) {
  await expect
    .poll(
      async () => {
        const { drones } = (await (await request.get('/api/drones')).json()) as DronesSnapshot

        return drones.find((drone) => drone.droneId === droneId)?.ts ?? null
      },
      { timeout: 30_000, message: `the last report of ${droneId} stored` },
    )
    .toBe(ts)
}

/**
 * Notes every state the progress shows, however briefly: a small hour is archived in well
 * under the second between two reads of the page, so waiting to see it running would race.
 */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const samples: ProgressSample[] = []
    const record = () => {
      const progress = document.querySelector('[data-testid="archive-progress"]')
      const button = document.querySelector<HTMLButtonElement>('[data-testid="archive-button"]')
      samples.push({
        state: progress?.getAttribute('data-state') ?? null,
        text: progress?.textContent ?? '',
        buttonDisabled: button?.disabled ?? false,
      })
    }
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
    Object.assign(window, { progressSamples: samples })
  })

  return async () =>
    page.evaluate(
      () => (window as unknown as { progressSamples: ProgressSample[] }).progressSamples,
    )
}

test('an analyst archives a closed hour from the data lake page, and the lake holds its reports', async ({
  page,
  request,
}) => {
  const hour = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR
  const droneId = `ARCH-${Date.now()}`
  const reports = buildSurge({
    droneId,
    fromTs: hour + 60_000,
    count: 120,
    stepMs: 10_000,
    people: 500,
  })
  const sent = await request.post('/api/reports', { data: reports })
  expect(sent.status()).toBe(202)
  expect(await sent.json()).toEqual({ accepted: 120, rejected: [] })
  await waitForDroneReport(request, droneId, hour + 60_000 + 119 * 10_000)

  await page.goto('/')
  await page.getByRole('link', { name: 'Data lake' }).click()
  await expect(page).toHaveURL(/\/archive$/)
  const lakeHour = page.locator(`[data-testid="archived-hour"][data-hour="${hour}"]`)
  const button = page.getByTestId('archive-button')
  await expect(button).toBeEnabled()
  await expect(lakeHour).toHaveCount(0)

  const readProgress = await recordProgress(page)
  await button.click()

  const progress = page.getByTestId('archive-progress')
  await expect(progress).toHaveAttribute('data-state', 'finished')
  await expect(progress).toContainText('closed hour')
  const running = (await readProgress()).filter((sample) => sample.state === 'running')
  expect(running.length).toBeGreaterThan(0)
  expect(running.every((sample) => sample.buttonDisabled)).toBe(true)
  expect(running.map((sample) => sample.text).join('\n')).toMatch(
    /Looking for closed hours|hour \d+ of \d+/,
  )
  await expect(button).toBeEnabled()

  const result = page.locator(`[data-testid="archive-result"][data-hour="${hour}"]`)
  await expect(result).toHaveAttribute('data-status', 'archived')
  await expect(result).toContainText('120 rows in the lake')
  const iso = new Date(hour).toISOString()
  const path = `date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`
  await expect(lakeHour).toHaveAttribute('data-rows', '120')
  await expect(lakeHour).toContainText(path)

  const archive = (await (await request.get('/api/archive')).json()) as ArchiveSnapshot
  expect(archive.run?.finishedAt).not.toBeNull()
  expect(archive.run?.hours.find((entry) => entry.hour === hour)).toMatchObject({
    status: 'archived',
    rows: 120,
    added: 120,
    path,
  })
  expect(archive.hours.find((entry) => entry.hour === hour)).toMatchObject({ rows: 120, path })

  // The lake is written once: a second run finds nothing to add.
  await button.click()
  await expect(result).toHaveAttribute('data-status', 'already-archived')
  await expect(lakeHour).toHaveAttribute('data-rows', '120')

  await page.getByRole('link', { name: 'Command center' }).click()
  await expect(page).toHaveURL(/\/$/)
})
