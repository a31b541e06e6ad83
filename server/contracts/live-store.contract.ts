import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Alert } from '@/lib/alert'
import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'
import type { LiveStore } from '@/server/ports/live-store'

/** An empty live store to test (a fresh keyspace or file), and how to throw it away. */
export type LiveStoreHarness = { liveStore: LiveStore; cleanup(): Promise<void> }

const T0 = Date.parse('2025-03-01T10:00:00Z')

/** The behaviour every LiveStore adapter must show; `open` gives an empty store per test. */
export function describeLiveStoreContract(name: string, open: () => Promise<LiveStoreHarness>) {
  describe(`LiveStore contract: ${name}`, () => {
    let harness: LiveStoreHarness
    let store: LiveStore

    beforeEach(async () => {
      harness = await open()
      store = harness.liveStore
    })

    afterEach(async () => {
      await harness.cleanup()
    })

    it('never moves a drone back to a late or repeated report (B14)', async () => {
      const r2 = makeDrone({ ts: T0 + 10_000, lat: 48.86, reportId: 'R2' })
      const r1 = makeDrone({ ts: T0, lat: 48.85, battery: 9, reportId: 'R1' })
      const r3 = makeDrone({ ts: T0 + 20_000, lat: 48.87, reportId: 'R3' })

      await store.upsertDrones([r2])
      await store.upsertDrones([r1])
      expect(await store.listDrones()).toEqual([r2])

      await store.upsertDrones([{ ...r2 }])
      await store.upsertDrones([r3])
      expect(await store.listDrones()).toEqual([r3])
    })

    it('never moves a cell back to an older observation, even within one batch', async () => {
      const old = makeCell({ ts: T0, people: 100, reportId: 'R1' })
      const newer = makeCell({ ts: T0 + 5_000, people: 600, band: 'critical', reportId: 'R2' })
      const other = makeCell({ cellId: 'cell-b', ts: T0, reportId: 'R9' })

      await store.upsertCells([newer, old, other])
      await store.upsertCells([old])

      expect(sortBy(await store.listCells(), 'cellId')).toEqual([newer, other])
    })

    it('settles equal times by the greater report id, whatever the order of arrival', async () => {
      const a = makeDrone({ ts: T0, lat: 48.85, reportId: 'R-a' })
      const b = makeDrone({ ts: T0, lat: 48.86, reportId: 'R-b' })
      const cellA = makeCell({ ts: T0, people: 10, reportId: 'R-a' })
      const cellB = makeCell({ ts: T0, people: 20, reportId: 'R-b' })

      await store.upsertDrones([b])
      await store.upsertDrones([a])
      await store.upsertCells([cellB])
      await store.upsertCells([cellA])
      expect(await store.listDrones()).toEqual([b])
      expect(await store.listCells()).toEqual([cellB])

      const c = makeDrone({ ts: T0, lat: 48.87, reportId: 'R-c' })
      const cellC = makeCell({ ts: T0, people: 30, reportId: 'R-c' })
      await store.upsertDrones([c])
      await store.upsertCells([cellC])
      expect(await store.listDrones()).toEqual([c])
      expect(await store.listCells()).toEqual([cellC])
    })

    it('replaces a drone whole, so a field the newer report lacks does not linger', async () => {
      await store.upsertDrones([makeDrone({ ts: T0, battery: 64, tempC: 41, reportId: 'R1' })])
      const newer = makeDrone({ ts: T0 + 1_000, battery: null, tempC: null, reportId: 'R2' })
      await store.upsertDrones([newer])

      expect(await store.listDrones()).toEqual([newer])
    })

    it('creates an alert from a patch and reads it back field for field', async () => {
      const alert = makeAlert()
      await store.patchAlerts([alert])

      expect(await store.getAlert(alert.alertId)).toEqual(alert)
      expect(await store.getAlert('no-such-alert')).toBeNull()
    })

    it('keeps both of two patches that touch different fields of one alert', async () => {
      const alert = makeAlert({ seq: 1 })
      const acknowledgement = { officerId: 'O-1', name: 'Officer One', at: T0 + 60_000 }
      await store.patchAlerts([alert])

      // An officer acknowledges while the rules raise the severity, each with its own copy.
      await store.patchAlerts([
        { alertId: alert.alertId, seq: 3, status: 'acknowledged', acknowledgement },
      ])
      await store.patchAlerts([
        { alertId: alert.alertId, seq: 2, severity: 'critical', peakDensity: 6.4 },
      ])

      expect(await store.getAlert(alert.alertId)).toEqual({
        ...alert,
        status: 'acknowledged',
        acknowledgement,
        severity: 'critical',
        peakDensity: 6.4,
        seq: 3,
      })
    })

    it('lists alerts newest raised first, by station, status and change time', async () => {
      const north = makeAlert({ alertId: 'a-1', raisedAt: T0, updatedAt: T0, stationId: 'S-N' })
      const resolved = makeAlert({
        alertId: 'a-2',
        raisedAt: T0 + 1_000,
        updatedAt: T0 + 1_000,
        status: 'resolved',
        resolvedAt: T0 + 1_000,
        stationId: 'S-N',
      })
      const south = makeAlert({
        alertId: 'a-3',
        raisedAt: T0 + 2_000,
        updatedAt: T0 + 2_000,
        stationId: 'S-S',
      })
      const acknowledgedLate = makeAlert({
        alertId: 'a-4',
        raisedAt: T0 - 5_000,
        updatedAt: T0 - 5_000,
        status: 'acknowledged',
        acknowledgement: { officerId: 'O-2', name: 'Officer Two', at: T0 + 3_000 },
        stationId: 'S-S',
      })
      await store.patchAlerts([north, resolved, south, acknowledgedLate])

      const ids = (alerts: Alert[]) => alerts.map((alert) => alert.alertId)
      expect(ids(await store.listAlerts({}))).toEqual(['a-3', 'a-2', 'a-1', 'a-4'])
      expect(ids(await store.listAlerts({ stationId: 'S-N' }))).toEqual(['a-2', 'a-1'])
      expect(ids(await store.listAlerts({ unresolvedOnly: true }))).toEqual(['a-3', 'a-1', 'a-4'])
      expect(ids(await store.listAlerts({ changedSince: T0 + 1_000 }))).toEqual([
        'a-3',
        'a-2',
        'a-4',
      ])
      expect(ids(await store.listAlerts({ limit: 2 }))).toEqual(['a-3', 'a-2'])
      expect(
        ids(await store.listAlerts({ stationId: 'S-S', unresolvedOnly: true, changedSince: T0 })),
      ).toEqual(['a-3', 'a-4'])
    })

    it('keeps rule states per rule and key, the last save of a key winning', async () => {
      await store.saveRuleStates('density', [
        { key: 'cell-a', state: { band: 'high', since: T0, samples: [1.5, 2.5] } },
        { key: 'cell-b', state: { band: 'normal', since: null } },
      ])
      await store.saveRuleStates('battery', [{ key: 'D-07', state: 9 }])
      await store.saveRuleStates('density', [{ key: 'cell-a', state: { band: 'critical' } }])

      expect(sortBy(await store.loadRuleStates('density'), 'key')).toEqual([
        { key: 'cell-a', state: { band: 'critical' } },
        { key: 'cell-b', state: { band: 'normal', since: null } },
      ])
      expect(await store.loadRuleStates('battery')).toEqual([{ key: 'D-07', state: 9 }])
      expect(await store.loadRuleStates('unknown-rule')).toEqual([])
    })

    it('describes itself as the live store', async () => {
      const health = await store.describe()

      expect(health.name).toBe('live-store')
      expect(health.state).toBe('up')
      expect(health.detail).not.toBe('')
    })
  })
}

function sortBy<T, K extends keyof T>(items: T[], key: K): T[] {
  return [...items].sort((a, b) => String(a[key]).localeCompare(String(b[key])))
}

function makeDrone(fields: Partial<DroneState> & Pick<DroneState, 'ts' | 'reportId'>): DroneState {
  return {
    droneId: 'D-07',
    lat: 48.8556,
    lon: 2.2986,
    cellId: 'cell-a',
    battery: 64.5,
    speedMs: 6.2,
    tempC: 41.3,
    altitudeM: 120,
    headingDeg: 270,
    ...fields,
  }
}

function makeCell(fields: Partial<CellState> & Pick<CellState, 'ts' | 'reportId'>): CellState {
  return {
    cellId: 'cell-a',
    density: 2.5,
    people: 250,
    areaM2: 100,
    band: 'busy',
    kind: 'standing',
    sectorId: 'sector-1',
    doubtful: false,
    droneId: 'D-07',
    ...fields,
  }
}

function makeAlert(fields: Partial<Alert> = {}): Alert {
  return {
    alertId: 'density:cell-a:1740823200000',
    kind: 'density',
    cellId: 'cell-a',
    sectorId: null,
    lat: 48.8556,
    lon: 2.2986,
    severity: 'high',
    status: 'open',
    raisedAt: T0,
    updatedAt: T0,
    resolvedAt: null,
    peakDensity: 5.1,
    doubtful: false,
    stationId: 'S-N',
    stationName: 'Station Nord',
    routedBy: 'jurisdiction',
    notified: [
      { officerId: 'O-1', name: 'Officer One', rank: 'Sergeant', phone: '+33 1 00', radio: 'N1' },
    ],
    acknowledgement: null,
    seq: 1,
    ...fields,
  }
}
