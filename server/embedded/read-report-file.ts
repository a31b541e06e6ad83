import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

import type { DroneReport } from '@/lib/report'

import { OPTIONAL_NUMBERS } from './write-report-file'

type Row = Record<string, unknown>

/** Reads every report of a Parquet file written by `writeReportFile`, in file order. */
export async function readReportFile(path: string): Promise<DroneReport[]> {
  const reports: DroneReport[] = []
  await readRowGroups(path, undefined, (rows) => {
    for (const row of rows) reports.push(decodeReport(row))
  })

  return reports
}

/** Calls `visit` with the (droneId, reportId) of every report of the file, and reads no more. */
export async function readReportKeys(
  path: string,
  visit: (droneId: string, reportId: string) => void,
): Promise<void> {
  await readRowGroups(path, ['droneId', 'reportId'], (rows) => {
    for (const row of rows) visit(String(row.droneId), String(row.reportId))
  })
}

/** The row count a Parquet file declares in its footer; reads nothing else. */
export async function countFileRows(path: string): Promise<number> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path))

  return Number(metadata.num_rows)
}

/** Decodes one row group at a time and lets the event loop in between. */
async function readRowGroups(
  path: string,
  columns: string[] | undefined,
  take: (rows: Row[]) => void,
) {
  const file = await asyncBufferFromFile(path)
  const metadata = await parquetMetadataAsync(file)
  let rowStart = 0
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows)
    take(await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd }))
    rowStart = rowEnd
    await yieldToEventLoop()
  }
}

function decodeReport(row: Row): DroneReport {
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
