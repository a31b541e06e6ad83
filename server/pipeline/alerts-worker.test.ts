import path from 'node:path'

import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { DEFAULT_DENSITY_RULE } from '@/lib/alert-rules'
import { DEFAULT_BAND_TABLE } from '@/lib/bands'
import { createCellObserver } from '@/lib/cell-state'
import { validateReport } from '@/lib/report'
import { buildSurge } from '@/test/support/surge'

import { createTempFolder } from '../embedded/create-temp-folder'
import { createSeedDirectory } from '../embedded/seed-directory'
import { createSqliteBus } from '../embedded/sqlite-bus'
import { createSqliteHistory } from '../embedded/sqlite-history'
import { createSqliteLiveStore } from '../embedded/sqlite-live-store'
import type { Bus, BusMessage } from '../ports/bus'
import type { History } from '../ports/history'
import type { LiveStore } from '../ports/live-store'
import { loadVenue } from '../venue/load-venue'
import { createAlertsWorker } from './alerts-worker'
import { createDirectoryCache } from './directory-cache'
import { createSequence } from './sequence'
import { DEFAULT_TOPICS } from './topics'

const logger = pino({ level: 'silent' })
const SEED = path.join(process.cwd(), 'server', 'seed')

let folder: Awaited<ReturnType<typeof createTempFolder>>
let liveStore: LiveStore
let history: History
let bus: Bus

beforeEach(async () => {
  folder = await createTempFolder('alerts-worker')
  liveStore = createSqliteLiveStore({ file: path.join(folder.path, 'live.sqlite') })
  history = createSqliteHistory({ file: path.join(folder.path, 'history.sqlite') })
  bus = createSqliteBus({ file: path.join(folder.path, 'bus.sqlite') })
})

afterEach(async () => {
  await Promise.all([liveStore.close(), history.close(), bus.close()])
  await folder.remove()
})

async function createWorker(historyUsed: History) {
  const venue = await loadVenue(path.join(SEED, 'champ-de-mars.venue.json'))
  const directory = await createSeedDirectory({ file: path.join(SEED, 'directory.json') })

  return createAlertsWorker({
    bus,
    topics: DEFAULT_TOPICS,
    liveStore,
    history: historyUsed,
    directory: createDirectoryCache({ directory, logger }),
    observer: createCellObserver(venue, { resolution: 11, bandTable: DEFAULT_BAND_TABLE }),
    rule: DEFAULT_DENSITY_RULE,
    timeZone: venue.timeZone,
    nextSeq: createSequence(),
    logger,
  })
}

/** The surge as the bus would deliver it: the cell observations the door made, one each. */
async function surgeMessages(fromTs: number): Promise<BusMessage[]> {
  const observer = createCellObserver(await readVenue(), {
    resolution: 11,
    bandTable: DEFAULT_BAND_TABLE,
  })

  return buildSurge({ droneId: 'W-1', fromTs, count: 10, people: 9000 }).map((raw, i) => {
    const verdict = validateReport(raw, { now: fromTs + 60_000, maxFutureSkewMs: 120_000 })
    if (!verdict.ok) throw new Error(verdict.reason)
    const cell = observer.observe(verdict.report)

    return {
      topic: DEFAULT_TOPICS.observations,
      partition: 0,
      offset: String(i),
      timestamp: fromTs,
      key: cell.cellId,
      value: JSON.stringify(cell),
    }
  })
}

function readVenue() {
  return loadVenue(path.join(SEED, 'champ-de-mars.venue.json'))
}

describe('the alerts consumer group', () => {
  it('judges a batch again after a failed write and still makes exactly one alert (B02)', async () => {
    let failuresLeft = 1
    const flakyHistory: History = {
      ...history,
      appendReports: (reports) => history.appendReports(reports),
      readAlertSteps: (alertId) => history.readAlertSteps(alertId),
      appendAlertSteps: async (steps) => {
        if (failuresLeft-- > 0) throw new Error('history unavailable')
        await history.appendAlertSteps(steps)
      },
    }
    const worker = await createWorker(flakyHistory)
    const batch = await surgeMessages(Date.parse('2026-07-14T21:30:00Z'))

    await expect(worker.handleBatch(batch)).rejects.toThrow('history unavailable')
    await worker.handleBatch(batch)
    await worker.handleBatch(batch)

    const alerts = await liveStore.listAlerts({})
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.severity).toBe('critical')
    const steps = await history.readAlertSteps(alerts[0]!.alertId)
    expect(steps.map((step) => step.step)).toEqual(['raised', 'notified'])
  })

  it('resumes an episode after a restart from the rule memory it saved', async () => {
    const from = Date.parse('2026-07-14T21:30:00Z')
    const first = await createWorker(history)
    await first.warmUp()
    await first.handleBatch((await surgeMessages(from)).slice(0, 4))

    const second = await createWorker(history)
    await second.warmUp()
    await second.handleBatch((await surgeMessages(from)).slice(4))

    const alerts = await liveStore.listAlerts({})
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.raisedAt).toBe(from + 30_000)
  })
})
