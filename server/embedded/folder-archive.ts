import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { access, constants, link, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { pino, type Logger } from 'pino'

import type { DroneReport } from '@/lib/report'
import { describeHourPath, type Archive, type ArchivedHour } from '@/server/ports/archive'
import type { ComponentHealth } from '@/server/ports/health'

import { describeError } from './describe-error'

export type FolderArchiveOptions = {
  /** The folder that stands for the data lake. */
  root: string
  logger?: Logger
}

const HOUR_MS = 3_600_000
const FILE_NAME = 'reports.parquet'
const OPTIONAL_NUMBERS = ['battery', 'speedMs', 'tempC', 'altitudeM', 'headingDeg'] as const

/**
 * Opens the embedded data lake: a local folder laid out as the HDFS one,
 * `date=YYYY-MM-DD/hour=HH/reports.parquet`, one Parquet file per closed hour, written once.
 */
export function createFolderArchive({ root, logger }: FolderArchiveOptions): Archive {
  const log = (logger ?? pino({ enabled: false })).child({ module: 'folder-archive' })
  // Made at start-up so a folder that cannot be created fails at once, not at the first hour.
  mkdirSync(root, { recursive: true })

  async function findHour(hour: number): Promise<ArchivedHour | null> {
    const path = join(describeHourPath(hour), FILE_NAME)
    const absolute = join(root, path)
    const size = await readSize(absolute)
    if (size === null) return null

    return { hour, path, rows: await countRows(absolute), bytes: size }
  }

  async function writeHour(hour: number, reports: DroneReport[]): Promise<ArchivedHour> {
    checkHour(hour)
    checkReportsInHour(hour, reports)
    const existing = await findHour(hour)
    if (existing) return existing

    const folder = join(root, describeHourPath(hour))
    await mkdir(folder, { recursive: true })
    const target = join(folder, FILE_NAME)
    const temporary = join(folder, `.${FILE_NAME}.${randomUUID()}.tmp`)
    let written = true
    try {
      await writeDurably(temporary, encodeReports(reports))
      // Read back before the file gets its real name: a write that did not land whole must
      // never count as archived.
      const rows = await countRows(temporary)
      if (rows !== reports.length) {
        throw new Error(`${target}: wrote ${reports.length} rows but read back ${rows}`)
      }
      // A hard link, unlike a rename, refuses to replace a file that another writer put there
      // first, so an archived hour is never overwritten.
      await link(temporary, target)
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error
      written = false
    } finally {
      await rm(temporary, { force: true })
    }

    const archived = await findHour(hour)
    if (!archived) throw new Error(`${target} vanished right after it was written`)
    if (written) {
      log.info({ path: archived.path, rows: archived.rows, bytes: archived.bytes }, 'hour archived')
    }

    return archived
  }

  async function readHour(hour: number): Promise<DroneReport[]> {
    const absolute = join(root, describeHourPath(hour), FILE_NAME)
    if ((await readSize(absolute)) === null) return []

    const contents = await readFile(absolute)
    const buffer = contents.buffer.slice(
      contents.byteOffset,
      contents.byteOffset + contents.byteLength,
    ) as ArrayBuffer
    const rows = await parquetReadObjects({ file: buffer })

    return rows.map(decodeReport)
  }

  async function listHours(): Promise<ArchivedHour[]> {
    const hours: ArchivedHour[] = []
    for (const day of await listFolders(root, /^date=(\d{4}-\d{2}-\d{2})$/)) {
      for (const hourFolder of await listFolders(join(root, day.name), /^hour=(\d{2})$/)) {
        const hour = Date.parse(`${day.match}T${hourFolder.match}:00:00Z`)
        if (Number.isNaN(hour) || describeHourPath(hour) !== `${day.name}/${hourFolder.name}`) {
          continue
        }
        const archived = await findHour(hour)
        if (archived) hours.push(archived)
      }
    }

    return hours.sort((a, b) => a.hour - b.hour)
  }

  async function describe(): Promise<ComponentHealth> {
    try {
      await access(root, constants.W_OK)
    } catch (error) {
      return {
        name: 'archive',
        state: 'down',
        detail: `data lake folder ${root}: ${describeError(error)}`,
      }
    }

    return { name: 'archive', state: 'up', detail: `data lake in the folder ${root}` }
  }

  return { writeHour, readHour, findHour, listHours, describe, close: async () => {} }
}

function checkHour(hour: number) {
  if (Number.isInteger(hour) && hour % HOUR_MS === 0) return

  throw new Error(`an archived hour must start on a whole UTC hour, got ${hour}`)
}

/** A report filed under the wrong hour would be lost to anyone reading its real hour. */
function checkReportsInHour(hour: number, reports: DroneReport[]) {
  const stray = reports.find((report) => report.ts < hour || report.ts >= hour + HOUR_MS)
  if (!stray) return

  throw new Error(
    `report ${stray.reportId} at ${new Date(stray.ts).toISOString()} is outside the hour ` +
      `${new Date(hour).toISOString()}`,
  )
}

function encodeReports(reports: DroneReport[]): ArrayBuffer {
  const column = <T>(pick: (report: DroneReport) => T) => reports.map(pick)

  return parquetWriteBuffer({
    columnData: [
      { name: 'reportId', data: column((r) => r.reportId), type: 'STRING', nullable: false },
      { name: 'droneId', data: column((r) => r.droneId), type: 'STRING', nullable: false },
      { name: 'ts', data: column((r) => r.ts), type: 'TIMESTAMP', nullable: false },
      { name: 'lat', data: column((r) => r.lat), type: 'DOUBLE', nullable: false },
      { name: 'lon', data: column((r) => r.lon), type: 'DOUBLE', nullable: false },
      { name: 'areaM2', data: column((r) => r.areaM2), type: 'DOUBLE', nullable: false },
      { name: 'people', data: column((r) => r.people), type: 'INT32', nullable: false },
      ...OPTIONAL_NUMBERS.map((name) => ({
        name,
        data: column((r) => r[name] ?? null),
        type: 'DOUBLE' as const,
      })),
      {
        name: 'extra',
        data: column((r) => (r.extra === undefined ? null : JSON.stringify(r.extra))),
        type: 'STRING',
      },
    ],
  })
}

function decodeReport(row: Record<string, unknown>): DroneReport {
  const report: DroneReport = {
    reportId: String(row.reportId),
    droneId: String(row.droneId),
    ts: row.ts instanceof Date ? row.ts.getTime() : Number(row.ts),
    lat: Number(row.lat),
    lon: Number(row.lon),
    areaM2: Number(row.areaM2),
    people: Number(row.people),
  }
  for (const name of OPTIONAL_NUMBERS) {
    const value = row[name]
    if (value !== null && value !== undefined) report[name] = Number(value)
  }
  if (typeof row.extra === 'string') report.extra = JSON.parse(row.extra)

  return report
}

/** Writes a whole file and waits for the disk, so a crash cannot leave a short file behind. */
async function writeDurably(path: string, contents: ArrayBuffer) {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(new Uint8Array(contents))
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function countRows(path: string): Promise<number> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path))

  return Number(metadata.num_rows)
}

async function readSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size
  } catch (error) {
    // A file where a folder of the path should be means nothing was archived there either.
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return null
    throw error
  }
}

async function listFolders(path: string, pattern: RegExp) {
  const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
    if (hasCode(error, 'ENOENT')) return []
    throw error
  })

  return entries.flatMap((entry) => {
    const match = entry.isDirectory() ? pattern.exec(entry.name) : null

    return match?.[1] ? [{ name: entry.name, match: match[1] }] : []
  })
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code
}
