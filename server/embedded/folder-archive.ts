import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { access, constants, link, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { asyncBufferFromFile } from 'hyparquet'
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

import { checkHour } from '../lake/check-hour'
import { describeNextPartName, readPartIndex } from '../lake/part-name'
import {
  countParquetRows,
  readReportParquet,
  readReportParquetKeys,
} from '../lake/read-report-parquet'
import { readHourFolder } from '../lake/read-hour-folder'
import { describeReportKey, selectNewReports } from '../lake/select-new-reports'
import { createHourTurns } from '../lake/take-turns-by-hour'
import { writeReportParquet } from '../lake/write-report-parquet'

import { describeError } from './describe-error'

export type FolderArchiveOptions = {
  /** The folder that stands for the data lake. */
  root: string
  logger?: Logger
}

type Part = { name: string; index: number }

/**
 * Opens the embedded data lake: a local folder laid out as the HDFS one,
 * `date=YYYY-MM-DD/hour=HH/reports[-n].parquet`. An hour is written once and completed by new
 * parts when late reports come; a part, once in place, is never rewritten.
 */
export function createFolderArchive({ root, logger }: FolderArchiveOptions): Archive {
  const log = (logger ?? pino({ enabled: false })).child({ module: 'folder-archive' })
  // Made at start-up so a folder that cannot be created fails at once, not at the first hour.
  mkdirSync(root, { recursive: true })
  const takeTurn = createHourTurns()

  async function findHour(hour: number): Promise<ArchivedHour | null> {
    const path = describeHourPath(hour)
    const parts = await listParts(join(root, path))
    if (parts.length === 0) return null

    let rows = 0
    let bytes = 0
    for (const part of parts) {
      const absolute = join(root, path, part.name)
      bytes += (await stat(absolute)).size
      rows += await countParquetRows(await asyncBufferFromFile(absolute))
    }

    return { hour, path, parts: parts.map((part) => `${path}/${part.name}`), rows, bytes }
  }

  async function writeHour(hour: number, reports: ReportPages): Promise<HourWrite> {
    checkHour(hour)

    return takeTurn(hour, () => addPart(hour, reports))
  }

  async function addPart(hour: number, reports: ReportPages): Promise<HourWrite> {
    const path = describeHourPath(hour)
    const folder = join(root, path)
    const parts = await listParts(folder)
    const known = await readKnownKeys(folder, parts)
    const fresh = await selectNewReports(hour, reports, known)
    if (!fresh) {
      return {
        ...((await findHour(hour)) ?? { hour, path, parts: [], rows: 0, bytes: 0 }),
        added: 0,
      }
    }

    const name = describeNextPartName(parts.map((part) => part.index))
    const target = join(folder, name)
    await mkdir(folder, { recursive: true })
    const temporary = join(folder, `.${name}.${randomUUID()}.tmp`)
    let added = 0
    try {
      added = await writeReportParquet(temporary, fresh)
      // Read back before the part gets its real name: a write that did not land whole must
      // never count as archived.
      const rows = await countParquetRows(await asyncBufferFromFile(temporary))
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
      const file = await asyncBufferFromFile(join(folder, part.name))
      for (const report of await readReportParquet(file)) reports.push(report)
    }

    return reports
  }

  async function listHours(): Promise<ArchivedHour[]> {
    const hours: ArchivedHour[] = []
    for (const day of await listFolders(root)) {
      for (const hourFolder of await listFolders(join(root, day))) {
        const hour = readHourFolder(day, hourFolder)
        const archived = hour === null ? null : await findHour(hour)
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
    const file = await asyncBufferFromFile(join(folder, part.name))
    await readReportParquetKeys(file, (droneId, reportId) =>
      known.add(describeReportKey(droneId, reportId)),
    )
  }

  return known
}

async function listParts(folder: string): Promise<Part[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    // A file where a folder of the path should be means nothing was archived there either.
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return []
    throw error
  })
  const parts = entries.flatMap((entry) => {
    const index = entry.isFile() ? readPartIndex(entry.name) : null

    return index === null ? [] : [{ name: entry.name, index }]
  })

  return parts.sort((a, b) => a.index - b.index)
}

async function listFolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch((error: unknown) => {
    if (hasCode(error, 'ENOENT')) return []
    throw error
  })

  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code
}
