import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { access, constants, link, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { pino, type Logger } from 'pino'

import type { DroneReport } from '@/lib/report'
import {
  describeHourPath,
  type Archive,
  type ArchivedHour,
  type HourWrite,
  type ReportPages,
} from '@/server/ports/archive'
import type { ComponentHealth } from '@/server/ports/health'

import { describeError } from './describe-error'
import { countFileRows, readReportFile, readReportKeys } from './read-report-file'
import { writeReportFile } from './write-report-file'

export type FolderArchiveOptions = {
  /** The folder that stands for the data lake. */
  root: string
  logger?: Logger
}

type Part = { name: string; index: number }

const HOUR_MS = 3_600_000
/**
 * Part 0 is `reports.parquet`, the one file an hour had before hours could be completed, so
 * lakes written then read as they are; later parts are `reports-1.parquet`, `reports-2.parquet`.
 * Temporary files start with a dot, which Parquet tools skip when they read a folder.
 */
const PART_NAME = /^reports(?:-([1-9]\d*))?\.parquet$/

/**
 * Opens the embedded data lake: a local folder laid out as the HDFS one,
 * `date=YYYY-MM-DD/hour=HH/reports[-n].parquet`. An hour is written once and completed by new
 * parts when late reports come; a part, once in place, is never rewritten.
 */
export function createFolderArchive({ root, logger }: FolderArchiveOptions): Archive {
  const log = (logger ?? pino({ enabled: false })).child({ module: 'folder-archive' })
  // Made at start-up so a folder that cannot be created fails at once, not at the first hour.
  mkdirSync(root, { recursive: true })
  /**
   * The last write queued per hour. Writes of one hour take turns, so that each one sees the
   * parts of the one before and adds only what they lack.
   */
  const queued = new Map<number, Promise<unknown>>()

  async function findHour(hour: number): Promise<ArchivedHour | null> {
    const path = describeHourPath(hour)
    const parts = await listParts(join(root, path))
    if (parts.length === 0) return null

    let rows = 0
    let bytes = 0
    for (const part of parts) {
      const absolute = join(root, path, part.name)
      bytes += (await stat(absolute)).size
      rows += await countFileRows(absolute)
    }

    return { hour, path, parts: parts.map((part) => `${path}/${part.name}`), rows, bytes }
  }

  async function writeHour(hour: number, reports: ReportPages): Promise<HourWrite> {
    checkHour(hour)
    const previous = queued.get(hour) ?? Promise.resolve()
    const turn = previous.catch(() => undefined).then(() => addPart(hour, reports))
    queued.set(hour, turn)
    try {
      return await turn
    } finally {
      if (queued.get(hour) === turn) queued.delete(hour)
    }
  }

  async function addPart(hour: number, reports: ReportPages): Promise<HourWrite> {
    const path = describeHourPath(hour)
    const folder = join(root, path)
    const parts = await listParts(folder)
    const known = await readKnownKeys(folder, parts)
    const fresh = await skipToFirstReport(selectNewReports(hour, toPages(reports), known))
    if (!fresh) {
      return {
        ...((await findHour(hour)) ?? { hour, path, parts: [], rows: 0, bytes: 0 }),
        added: 0,
      }
    }

    const name = describePartName(parts.reduce((last, part) => Math.max(last, part.index), -1) + 1)
    const target = join(folder, name)
    await mkdir(folder, { recursive: true })
    const temporary = join(folder, `.${name}.${randomUUID()}.tmp`)
    let added = 0
    try {
      added = await writeReportFile(temporary, fresh)
      // Read back before the part gets its real name: a write that did not land whole must
      // never count as archived.
      const rows = await countFileRows(temporary)
      if (rows !== added) throw new Error(`${target}: wrote ${added} rows but read back ${rows}`)
      await placePart(temporary, target)
    } finally {
      await rm(temporary, { force: true })
    }

    const archived = await findHour(hour)
    if (!archived) throw new Error(`${target} vanished right after it was written`)
    log.info(
      { path: `${path}/${name}`, added, rows: archived.rows, bytes: archived.bytes },
      parts.length === 0 ? 'hour archived' : 'hour completed with late reports',
    )

    return { ...archived, added }
  }

  async function readHour(hour: number): Promise<DroneReport[]> {
    const folder = join(root, describeHourPath(hour))
    const reports: DroneReport[] = []
    for (const part of await listParts(folder)) {
      for (const report of await readReportFile(join(folder, part.name))) reports.push(report)
    }

    return reports
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

/**
 * Gives the part its name. A hard link, unlike a rename, refuses to replace a part that another
 * process put there first; its rows may overlap ours, so this write fails whole and the caller
 * tries again, when it will see that part.
 */
async function placePart(temporary: string, target: string) {
  try {
    await link(temporary, target)
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error
    throw new Error(`${target} was written by another writer meanwhile; nothing added, try again`)
  }
}

/**
 * The (droneId, reportId) of every report in the parts. Known shortcoming: the keys of a whole
 * hour are held in memory (some tens of MB for 400,000 reports), and the reports written next
 * join them. A merge of the history's ordered pages with parts sorted the same way, or a key
 * index kept beside each hour, would bound it.
 */
async function readKnownKeys(folder: string, parts: Part[]) {
  const known = new Set<string>()
  for (const part of parts) {
    await readReportKeys(join(folder, part.name), (droneId, reportId) =>
      known.add(describeKey(droneId, reportId)),
    )
  }

  return known
}

function describePartName(index: number) {
  return index === 0 ? 'reports.parquet' : `reports-${index}.parquet`
}

function describeKey(droneId: string, reportId: string) {
  return `${droneId}\u0000${reportId}`
}

function toPages(reports: ReportPages): AsyncIterable<DroneReport[]> {
  if (!Array.isArray(reports)) return reports

  return (async function* () {
    yield reports
  })()
}

/** Keeps the reports the lake does not hold yet, each once; refuses a report of another hour. */
async function* selectNewReports(
  hour: number,
  pages: AsyncIterable<DroneReport[]>,
  known: Set<string>,
) {
  for await (const page of pages) {
    checkReportsInHour(hour, page)
    const fresh = page.filter((report) => {
      const key = describeKey(report.droneId, report.reportId)
      if (known.has(key)) return false

      known.add(key)

      return true
    })
    if (fresh.length > 0) yield fresh
  }
}

/** The pages from the first one with a report on, or null when none has any. */
async function skipToFirstReport(pages: AsyncIterable<DroneReport[]>) {
  const iterator = pages[Symbol.asyncIterator]()
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (next.value.length > 0) return continuePages(next.value, iterator)
  }

  return null
}

async function* continuePages(first: DroneReport[], rest: AsyncIterator<DroneReport[]>) {
  yield first
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

async function listParts(folder: string): Promise<Part[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    // A file where a folder of the path should be means nothing was archived there either.
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return []
    throw error
  })
  const parts = entries.flatMap((entry) => {
    const match = entry.isFile() ? PART_NAME.exec(entry.name) : null

    return match ? [{ name: entry.name, index: Number(match[1] ?? 0) }] : []
  })

  return parts.sort((a, b) => a.index - b.index)
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
