import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Alert } from '@/lib/alert'
import type { DroneState } from '@/lib/drone-state'
import { describeLiveStoreContract } from '@/server/contracts/live-store.contract'

import { createSqliteLiveStore } from './sqlite-live-store'
import { createTempFolder } from './create-temp-folder'

describeLiveStoreContract('embedded SQLite', async () => {
  const folder = await createTempFolder('live')
  const liveStore = createSqliteLiveStore({ file: join(folder.path, 'live.sqlite') })

  return {
    liveStore,
    cleanup: async () => {
      await liveStore.close()
      await folder.remove()
    },
  }
})

describe('embedded SQLite live store', () => {
  let folder: Awaited<ReturnType<typeof createTempFolder>>
  let file: string

  beforeEach(async () => {
    folder = await createTempFolder('live')
    file = join(folder.path, 'live.sqlite')
  })

  afterEach(async () => {
    await folder.remove()
  })

  it('keeps cells, drones, alerts and rule states across a restart', async () => {
    const before = createSqliteLiveStore({ file })
    await before.upsertDrones([DRONE])
    await before.patchAlerts([ALERT])
    await before.saveRuleStates('density', [{ key: 'cell-a', state: { band: 'high' } }])
    await before.close()

    const after = createSqliteLiveStore({ file })
    await after.upsertDrones([{ ...DRONE, ts: DRONE.ts - 1, reportId: 'R-older' }])

    expect(await after.listDrones()).toEqual([DRONE])
    expect(await after.getAlert(ALERT.alertId)).toEqual(ALERT)
    expect(await after.loadRuleStates('density')).toEqual([
      { key: 'cell-a', state: { band: 'high' } },
    ])
    await after.close()
  })

  it('holds back an alert an acknowledgement created until the rules describe it', async () => {
    const store = createSqliteLiveStore({ file })
    const acknowledgement = { officerId: 'O-1', name: 'Officer One', at: ALERT.raisedAt + 5 }
    await store.patchAlerts([
      { alertId: ALERT.alertId, seq: 9, status: 'acknowledged', acknowledgement },
    ])

    expect(await store.getAlert(ALERT.alertId)).toBeNull()
    expect(await store.listAlerts({})).toEqual([])

    await store.patchAlerts([{ ...ALERT, status: undefined, acknowledgement: undefined }])
    expect(await store.getAlert(ALERT.alertId)).toEqual({
      ...ALERT,
      status: 'acknowledged',
      acknowledgement,
      seq: 9,
    })
    await store.close()
  })

  it('is down while writes fail on a full disk, and up once the next one lands', async () => {
    const store = createSqliteLiveStore({ file, maxBytes: 64 * 1024 })
    const bulky = { ...ALERT, stationName: 'x'.repeat(1_000_000) }

    await expect(store.patchAlerts([bulky])).rejects.toThrow(/full/)

    const down = await store.describe()
    expect(down.state).toBe('down')
    expect(down.detail).toMatch(/alert writes failing since \d{4}-.*full/)

    await store.patchAlerts([ALERT])
    expect((await store.describe()).state).toBe('up')
    await store.close()
  })

  it('describes its file', async () => {
    const store = createSqliteLiveStore({ file })

    expect(await store.describe()).toEqual({
      name: 'live-store',
      state: 'up',
      detail: `embedded SQLite at ${file}`,
    })
    await store.close()
    expect((await store.describe()).state).toBe('down')
  })
})

const DRONE: DroneState = {
  droneId: 'D-07',
  ts: Date.parse('2025-03-01T10:00:00Z'),
  lat: 48.8556,
  lon: 2.2986,
  cellId: 'cell-a',
  battery: 9,
  speedMs: null,
  tempC: null,
  altitudeM: null,
  headingDeg: null,
  reportId: 'R1',
}

const ALERT: Alert = {
  alertId: 'density:cell-a:1',
  kind: 'density',
  cellId: 'cell-a',
  sectorId: 'sector-1',
  lat: 48.8556,
  lon: 2.2986,
  severity: 'warning',
  status: 'open',
  raisedAt: Date.parse('2025-03-01T10:00:30Z'),
  updatedAt: Date.parse('2025-03-01T10:00:30Z'),
  resolvedAt: null,
  peakDensity: 4,
  doubtful: true,
  stationId: null,
  stationName: null,
  routedBy: null,
  notified: [],
  acknowledgement: null,
  seq: 4,
}
