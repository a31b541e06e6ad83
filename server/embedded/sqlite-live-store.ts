import type { Statement } from 'better-sqlite3'

import type { Alert } from '@/lib/alert'
import type { CellState } from '@/lib/cell-state'
import type { DroneState } from '@/lib/drone-state'
import { supersedes } from '@/lib/live-state'
import type { AlertPatch, AlertQuery, LiveStore, RuleState } from '@/server/ports/live-store'

import { describeSqliteFile, openSqliteFile, type SqliteSynchronous } from './open-sqlite-file'
import { watchWrites } from './watch-writes'

export type SqliteLiveStoreOptions = {
  /** The SQLite file that holds cells, drones, alerts and rule states. */
  file: string
  synchronous?: SqliteSynchronous
  /** Caps the file's size, bytes: past it a write fails as on a full disk. Unset: no cap. */
  maxBytes?: number
}

type CellRow = {
  cell_id: string
  ts: number
  report_id: string
  density: number
  people: number
  area_m2: number
  band: CellState['band']
  kind: CellState['kind']
  sector_id: string | null
  doubtful: number
  drone_id: string
}

type DroneRow = {
  drone_id: string
  ts: number
  report_id: string
  lat: number
  lon: number
  cell_id: string
  battery: number | null
  speed_ms: number | null
  temp_c: number | null
  altitude_m: number | null
  heading_deg: number | null
}

type AlertRow = {
  alert_id: string
  kind: Alert['kind']
  cell_id: string
  sector_id: string | null
  lat: number
  lon: number
  severity: Alert['severity']
  status: Alert['status']
  raised_at: number
  updated_at: number
  resolved_at: number | null
  peak_density: number
  doubtful: number
  station_id: string | null
  station_name: string | null
  routed_by: Alert['routedBy']
  notified: string
  acknowledgement: string | null
  seq: number
}

type Bindable = string | number | null

/** Each alert field: its column and how its value is stored. */
const ALERT_COLUMNS: {
  [K in keyof Alert]: { column: string; store: (value: Alert[K]) => Bindable }
} = {
  alertId: { column: 'alert_id', store: (value) => value },
  kind: { column: 'kind', store: (value) => value },
  cellId: { column: 'cell_id', store: (value) => value },
  sectorId: { column: 'sector_id', store: (value) => value },
  lat: { column: 'lat', store: (value) => value },
  lon: { column: 'lon', store: (value) => value },
  severity: { column: 'severity', store: (value) => value },
  status: { column: 'status', store: (value) => value },
  raisedAt: { column: 'raised_at', store: (value) => value },
  updatedAt: { column: 'updated_at', store: (value) => value },
  resolvedAt: { column: 'resolved_at', store: (value) => value },
  peakDensity: { column: 'peak_density', store: (value) => value },
  doubtful: { column: 'doubtful', store: (value) => (value ? 1 : 0) },
  stationId: { column: 'station_id', store: (value) => value },
  stationName: { column: 'station_name', store: (value) => value },
  routedBy: { column: 'routed_by', store: (value) => value },
  notified: { column: 'notified', store: (value) => JSON.stringify(value) },
  acknowledgement: {
    column: 'acknowledgement',
    store: (value) => (value === null ? null : JSON.stringify(value)),
  },
  seq: { column: 'seq', store: (value) => value },
}

/**
 * The fields without a natural default may be missing on a row that a patch created before the
 * rule's own patch arrived (an acknowledgement racing the raise). Such a row is not an alert yet.
 */
const COMPLETE_ALERT = [
  'kind',
  'cell_id',
  'lat',
  'lon',
  'severity',
  'status',
  'raised_at',
  'updated_at',
  'peak_density',
]
  .map((column) => `${column} IS NOT NULL`)
  .join(' AND ')

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cells (
    cell_id TEXT PRIMARY KEY,
    ts INTEGER NOT NULL,
    report_id TEXT NOT NULL,
    density REAL NOT NULL,
    people INTEGER NOT NULL,
    area_m2 REAL NOT NULL,
    band TEXT NOT NULL,
    kind TEXT NOT NULL,
    sector_id TEXT,
    doubtful INTEGER NOT NULL,
    drone_id TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS drones (
    drone_id TEXT PRIMARY KEY,
    ts INTEGER NOT NULL,
    report_id TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    cell_id TEXT NOT NULL,
    battery REAL,
    speed_ms REAL,
    temp_c REAL,
    altitude_m REAL,
    heading_deg REAL
  );
  CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT PRIMARY KEY,
    kind TEXT,
    cell_id TEXT,
    sector_id TEXT,
    lat REAL,
    lon REAL,
    severity TEXT,
    status TEXT,
    raised_at INTEGER,
    updated_at INTEGER,
    resolved_at INTEGER,
    peak_density REAL,
    doubtful INTEGER NOT NULL DEFAULT 0,
    station_id TEXT,
    station_name TEXT,
    routed_by TEXT,
    notified TEXT NOT NULL DEFAULT '[]',
    acknowledgement TEXT,
    seq INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS alerts_by_raise ON alerts (raised_at DESC, alert_id DESC);
  CREATE TABLE IF NOT EXISTS rule_states (
    rule TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (rule, key)
  );
`

/**
 * Opens the embedded live store on a SQLite file. A cell or drone row is replaced only by a
 * state that supersedes it, decided inside the upsert so that no read-then-write race exists.
 */
export function createSqliteLiveStore({
  file,
  synchronous = 'full',
  maxBytes,
}: SqliteLiveStoreOptions): LiveStore {
  const db = openSqliteFile(file, synchronous, maxBytes)
  const writes = watchWrites()
  // The upserts call the domain's own rule, so SQL and TypeScript can never disagree on
  // "latest" (string order included: SQLite compares UTF-8 bytes, JavaScript UTF-16 units).
  db.function(
    'supersedes',
    { deterministic: true },
    (ts: number, reportId: string, currentTs: number, currentReportId: string) =>
      supersedes({ ts, reportId }, { ts: currentTs, reportId: currentReportId }) ? 1 : 0,
  )
  db.exec(SCHEMA)

  const upsertCell = db.prepare(`
    INSERT INTO cells (cell_id, ts, report_id, density, people, area_m2, band, kind, sector_id,
      doubtful, drone_id)
    VALUES (@cellId, @ts, @reportId, @density, @people, @areaM2, @band, @kind, @sectorId,
      @doubtful, @droneId)
    ON CONFLICT (cell_id) DO UPDATE SET
      ts = excluded.ts, report_id = excluded.report_id, density = excluded.density,
      people = excluded.people, area_m2 = excluded.area_m2, band = excluded.band,
      kind = excluded.kind, sector_id = excluded.sector_id, doubtful = excluded.doubtful,
      drone_id = excluded.drone_id
    WHERE supersedes(excluded.ts, excluded.report_id, cells.ts, cells.report_id)
  `)
  const upsertDrone = db.prepare(`
    INSERT INTO drones (drone_id, ts, report_id, lat, lon, cell_id, battery, speed_ms, temp_c,
      altitude_m, heading_deg)
    VALUES (@droneId, @ts, @reportId, @lat, @lon, @cellId, @battery, @speedMs, @tempC,
      @altitudeM, @headingDeg)
    ON CONFLICT (drone_id) DO UPDATE SET
      ts = excluded.ts, report_id = excluded.report_id, lat = excluded.lat, lon = excluded.lon,
      cell_id = excluded.cell_id, battery = excluded.battery, speed_ms = excluded.speed_ms,
      temp_c = excluded.temp_c, altitude_m = excluded.altitude_m,
      heading_deg = excluded.heading_deg
    WHERE supersedes(excluded.ts, excluded.report_id, drones.ts, drones.report_id)
  `)
  const listCellRows = db.prepare<[], CellRow>('SELECT * FROM cells ORDER BY cell_id')
  const listDroneRows = db.prepare<[], DroneRow>('SELECT * FROM drones ORDER BY drone_id')
  const readAlertRow = db.prepare<[string], AlertRow>(
    `SELECT * FROM alerts WHERE alert_id = ? AND ${COMPLETE_ALERT}`,
  )
  const saveRuleState = db.prepare(
    'INSERT INTO rule_states (rule, key, state) VALUES (?, ?, ?) ' +
      'ON CONFLICT (rule, key) DO UPDATE SET state = excluded.state',
  )
  const readRuleStates = db.prepare<[string], { key: string; state: string }>(
    'SELECT key, state FROM rule_states WHERE rule = ? ORDER BY key',
  )
  /** One statement per set of patched fields, since each set writes different columns. */
  const patchStatements = new Map<string, Statement<Bindable[]>>()

  const writeCells = db.transaction((cells: CellState[]) => {
    for (const cell of cells) upsertCell.run({ ...cell, doubtful: cell.doubtful ? 1 : 0 })
  })
  const writeDrones = db.transaction((drones: DroneState[]) => {
    for (const drone of drones) upsertDrone.run(drone)
  })
  const writePatches = db.transaction((patches: AlertPatch[]) => {
    for (const patch of patches) {
      const fields = listPatchedFields(patch)
      const statement = preparePatch(fields)
      statement.run(...fields.map((field) => storeAlertField(patch, field)))
    }
  })
  const writeRuleStates = db.transaction((rule: string, states: RuleState[]) => {
    for (const { key, state } of states) saveRuleState.run(rule, key, JSON.stringify(state ?? null))
  })

  function preparePatch(fields: (keyof Alert)[]) {
    const signature = fields.join(',')
    const known = patchStatements.get(signature)
    if (known) return known

    const columns = fields.map((field) => ALERT_COLUMNS[field].column)
    const updates = columns
      .filter((column) => column !== 'alert_id')
      // The sequence only grows: a slower writer's patch must not make the alert look older.
      .map((column) =>
        column === 'seq' ? 'seq = MAX(alerts.seq, excluded.seq)' : `${column} = excluded.${column}`,
      )
    const statement = db.prepare<Bindable[]>(
      `INSERT INTO alerts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (alert_id) DO UPDATE SET ${updates.join(', ')}`,
    )
    patchStatements.set(signature, statement)

    return statement
  }

  async function listAlerts(query: AlertQuery): Promise<Alert[]> {
    const conditions = [COMPLETE_ALERT]
    const values: Bindable[] = []
    if (query.stationId !== undefined) {
      conditions.push('station_id = ?')
      values.push(query.stationId)
    }
    if (query.unresolvedOnly) conditions.push(`status IN ('open', 'acknowledged')`)
    if (query.changedSince !== undefined) {
      conditions.push(`(updated_at >= ? OR json_extract(acknowledgement, '$.at') >= ?)`)
      values.push(query.changedSince, query.changedSince)
    }
    const limit = query.limit === undefined ? '' : ' LIMIT ?'
    if (query.limit !== undefined) values.push(query.limit)

    const rows = db
      .prepare<Bindable[], AlertRow>(
        `SELECT * FROM alerts WHERE ${conditions.join(' AND ')} ` +
          `ORDER BY raised_at DESC, alert_id DESC${limit}`,
      )
      .all(...values)

    return rows.map(readAlert)
  }

  return {
    upsertCells: async (cells) => writes.run('cell', () => writeCells(cells)),
    listCells: async () => listCellRows.all().map(readCell),
    upsertDrones: async (drones) => writes.run('drone', () => writeDrones(drones)),
    listDrones: async () => listDroneRows.all().map(readDrone),
    patchAlerts: async (patches) => writes.run('alert', () => writePatches(patches)),
    getAlert: async (alertId) => {
      const row = readAlertRow.get(alertId)

      return row ? readAlert(row) : null
    },
    listAlerts,
    saveRuleStates: async (rule, states) =>
      writes.run('rule state', () => writeRuleStates(rule, states)),
    loadRuleStates: async (rule) =>
      readRuleStates.all(rule).map(({ key, state }) => ({ key, state: JSON.parse(state) })),
    describe: async () => describeSqliteFile('live-store', db, file, writes.readFault()),
    close: async () => {
      if (db.open) db.close()
    },
  }
}

/** The fields a patch sets, in a fixed order so equal sets share one prepared statement. */
function listPatchedFields(patch: AlertPatch): (keyof Alert)[] {
  return (Object.keys(ALERT_COLUMNS) as (keyof Alert)[]).filter(
    (field) => patch[field] !== undefined,
  )
}

function storeAlertField<K extends keyof Alert>(patch: AlertPatch, field: K): Bindable {
  return ALERT_COLUMNS[field].store(patch[field] as Alert[K])
}

function readCell(row: CellRow): CellState {
  return {
    cellId: row.cell_id,
    ts: row.ts,
    density: row.density,
    people: row.people,
    areaM2: row.area_m2,
    band: row.band,
    kind: row.kind,
    sectorId: row.sector_id,
    doubtful: row.doubtful === 1,
    droneId: row.drone_id,
    reportId: row.report_id,
  }
}

function readDrone(row: DroneRow): DroneState {
  return {
    droneId: row.drone_id,
    ts: row.ts,
    lat: row.lat,
    lon: row.lon,
    cellId: row.cell_id,
    battery: row.battery,
    speedMs: row.speed_ms,
    tempC: row.temp_c,
    altitudeM: row.altitude_m,
    headingDeg: row.heading_deg,
    reportId: row.report_id,
  }
}

function readAlert(row: AlertRow): Alert {
  return {
    alertId: row.alert_id,
    kind: row.kind,
    cellId: row.cell_id,
    sectorId: row.sector_id,
    lat: row.lat,
    lon: row.lon,
    severity: row.severity,
    status: row.status,
    raisedAt: row.raised_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    peakDensity: row.peak_density,
    doubtful: row.doubtful === 1,
    stationId: row.station_id,
    stationName: row.station_name,
    routedBy: row.routed_by,
    notified: JSON.parse(row.notified),
    acknowledgement: row.acknowledgement === null ? null : JSON.parse(row.acknowledgement),
    seq: row.seq,
  }
}
