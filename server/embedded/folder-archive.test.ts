import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DroneReport } from '@/lib/report'
import { describeArchiveContract, describeArchived } from '@/server/contracts/archive.contract'
import { describeHourPath } from '@/server/ports/archive'

import { createFolderArchive } from './folder-archive'
import { createTempFolder } from './create-temp-folder'

const HOUR = Date.UTC(2025, 2, 1, 10)

describeArchiveContract('local folder', async () => {
  const folder = await createTempFolder('lake')
  const archive = createFolderArchive({ root: folder.path })

  return {
    archive,
    cleanup: async () => {
      await archive.close()
      await folder.remove()
    },
  }
})

describe('folder archive', () => {
  let folder: Awaited<ReturnType<typeof createTempFolder>>

  beforeEach(async () => {
    folder = await createTempFolder('lake')
  })

  afterEach(async () => {
    await folder.remove()
  })

  it('lays an hour out as date=YYYY-MM-DD/hour=HH/reports.parquet under the root', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const written = await archive.writeHour(HOUR, [makeReport('R1', HOUR)])

    expect(written.path).toBe('date=2025-03-01/hour=10')
    expect(written.parts).toEqual(['date=2025-03-01/hour=10/reports.parquet'])
    expect(await readdir(join(folder.path, 'date=2025-03-01', 'hour=10'))).toEqual([
      'reports.parquet',
    ])
  })

  it('completes an hour with a part beside the first, of the same schema', async () => {
    const archive = createFolderArchive({ root: folder.path })
    await archive.writeHour(HOUR, [makeReport('R1', HOUR)])

    const completed = await archive.writeHour(HOUR, [makeReport('R2', HOUR + 1)])
    const again = await archive.writeHour(HOUR, [makeReport('R3', HOUR + 2)])

    expect(completed.parts).toEqual([
      'date=2025-03-01/hour=10/reports.parquet',
      'date=2025-03-01/hour=10/reports-1.parquet',
    ])
    expect(again.parts[2]).toBe('date=2025-03-01/hour=10/reports-2.parquet')
    const hourFolder = join(folder.path, 'date=2025-03-01', 'hour=10')
    expect((await readdir(hourFolder)).sort()).toEqual([
      'reports-1.parquet',
      'reports-2.parquet',
      'reports.parquet',
    ])
    // One schema for every part is what lets a Parquet tool read the folder as one dataset.
    const schemas = await Promise.all(
      again.parts.map(async (part) => {
        const metadata = await parquetMetadataAsync(
          await asyncBufferFromFile(join(folder.path, part)),
        )

        return metadata.schema
      }),
    )
    expect(schemas[1]).toEqual(schemas[0])
    expect(schemas[2]).toEqual(schemas[0])
  })

  it('writes a large hour in row groups of bounded size', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const reports = Array.from({ length: 25_000 }, (_, i) => makeReport(`R-${i}`, HOUR + i))

    const written = await archive.writeHour(HOUR, reports)

    const file = await asyncBufferFromFile(join(folder.path, written.parts[0]!))
    const metadata = await parquetMetadataAsync(file)
    const groupRows = metadata.row_groups.map((group) => Number(group.num_rows))
    // Each group is encoded in one go, holding the event loop: none may be large.
    expect(Math.max(...groupRows)).toBeLessThanOrEqual(5_000)
    expect(groupRows.reduce((sum, rows) => sum + rows, 0)).toBe(25_000)
    expect(written.rows).toBe(25_000)
    expect(await archive.readHour(HOUR)).toEqual(reports)
  })

  it('refuses a report from another hour and writes nothing', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const stray = makeReport('R-stray', HOUR + 3_600_000)

    await expect(archive.writeHour(HOUR, [makeReport('R1', HOUR), stray])).rejects.toThrow(
      /R-stray .* outside the hour/,
    )
    expect(await archive.findHour(HOUR)).toBeNull()
  })

  it('refuses an hour that does not start on a whole UTC hour', async () => {
    const archive = createFolderArchive({ root: folder.path })

    await expect(archive.writeHour(HOUR + 1, [])).rejects.toThrow(/whole UTC hour/)
  })

  it('counts nothing when the write fails, and archives the hour on a later try', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const dayFolder = join(folder.path, describeHourPath(HOUR).split('/')[0]!)
    await mkdir(dayFolder, { recursive: true })
    // A file where the hour's folder should be makes the write fail half-way.
    await writeFile(join(dayFolder, 'hour=10'), 'in the way')

    await expect(archive.writeHour(HOUR, [makeReport('R1', HOUR)])).rejects.toThrow()
    expect(await archive.findHour(HOUR)).toBeNull()
    expect(await archive.listHours()).toEqual([])

    await rm(join(dayFolder, 'hour=10'))
    const written = await archive.writeHour(HOUR, [makeReport('R1', HOUR)])
    expect(written.rows).toBe(1)
    expect(await archive.listHours()).toEqual([describeArchived(written)])
  })

  it('ignores a temporary file left by a crashed write', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const hourFolder = join(folder.path, describeHourPath(HOUR))
    await mkdir(hourFolder, { recursive: true })
    await writeFile(join(hourFolder, '.reports.parquet.crashed.tmp'), 'half a file')

    expect(await archive.findHour(HOUR)).toBeNull()
    expect(await archive.listHours()).toEqual([])
    const written = await archive.writeHour(HOUR, [makeReport('R1', HOUR)])
    expect(written.rows).toBe(1)
  })

  it('keeps one copy of each report when two writes of one hour race', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const first = [makeReport('A1', HOUR), makeReport('A2', HOUR + 1)]
    const second = [makeReport('B1', HOUR), structuredClone(first[1]!)]

    const [a, b] = await Promise.all([
      archive.writeHour(HOUR, first),
      archive.writeHour(HOUR, second),
    ])

    expect([a.added, b.added]).toEqual([2, 1])
    expect(b.rows).toBe(3)
    expect(await archive.readHour(HOUR)).toEqual([...first, second[0]])
    expect((await readdir(join(folder.path, describeHourPath(HOUR)))).sort()).toEqual([
      'reports-1.parquet',
      'reports.parquet',
    ])
  })

  it('never doubles a report when another process writes the same hour at once', async () => {
    const one = createFolderArchive({ root: folder.path })
    const other = createFolderArchive({ root: folder.path })
    const reports = [makeReport('A1', HOUR), makeReport('A2', HOUR + 1)]

    const results = await Promise.allSettled([
      one.writeHour(HOUR, reports),
      other.writeHour(HOUR, structuredClone(reports)),
    ])
    const retried = await one.writeHour(HOUR, reports)

    expect(results.some((result) => result.status === 'fulfilled')).toBe(true)
    for (const result of results) {
      if (result.status === 'rejected') expect(String(result.reason)).toMatch(/try again/)
    }
    expect(retried.rows).toBe(2)
    expect(await one.readHour(HOUR)).toEqual(reports)
  })

  it('lists nothing but archived hours', async () => {
    const archive = createFolderArchive({ root: folder.path })
    await archive.writeHour(HOUR, [makeReport('R1', HOUR)])
    await mkdir(join(folder.path, 'date=2025-03-01', 'hour=11'), { recursive: true })
    await mkdir(join(folder.path, 'notes'), { recursive: true })
    await writeFile(join(folder.path, 'README'), 'the lake')

    expect((await archive.listHours()).map((entry) => entry.hour)).toEqual([HOUR])
  })
})

function makeReport(reportId: string, ts: number): DroneReport {
  return { reportId, droneId: 'D-07', ts, lat: 48.85, lon: 2.29, areaM2: 100, people: 250 }
}
