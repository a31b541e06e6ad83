import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DroneReport } from '@/lib/report'
import { describeArchiveContract } from '@/server/contracts/archive.contract'
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

    expect(written.path).toBe('date=2025-03-01/hour=10/reports.parquet')
    expect(await readdir(join(folder.path, 'date=2025-03-01', 'hour=10'))).toEqual([
      'reports.parquet',
    ])
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
    expect(await archive.listHours()).toEqual([written])
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

  it('keeps one copy when two writers race for the same hour', async () => {
    const archive = createFolderArchive({ root: folder.path })
    const first = [makeReport('A1', HOUR), makeReport('A2', HOUR + 1)]
    const second = [makeReport('B1', HOUR)]

    const [a, b] = await Promise.all([
      archive.writeHour(HOUR, first),
      archive.writeHour(HOUR, second),
    ])

    expect(a).toEqual(b)
    const read = await archive.readHour(HOUR)
    expect([first, second]).toContainEqual(read)
    expect(await readdir(join(folder.path, describeHourPath(HOUR)))).toEqual(['reports.parquet'])
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
