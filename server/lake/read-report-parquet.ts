import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet'

import type { DroneReport } from '@/lib/report'

import { OPTIONAL_NUMBERS } from './write-report-parquet'

type Row = Record<string, unknown>

/**
 * Bytes read from the end of a file to find its footer. A footer larger than this costs one
 * more read; a small one avoids fetching a whole remote file to learn its row count.
 */
const FOOTER_FETCH_BYTES = 64 * 1024

/**
 * Reads every report of a Parquet file written by `writeReportParquet`, in file order. The file
 * is anything hyparquet can slice: a local file, or bytes fetched from the lake.
 */
export async function readReportParquet(file: AsyncBuffer): Promise<DroneReport[]> {
  const reports: DroneReport[] = []
  await readRowGroups(file, undefined, (rows) => {
    for (const row of rows) reports.push(decodeReport(row))
  })

  return reports
}

/** Calls `visit` with the (droneId, reportId) of every report of the file, and reads no more. */
export async function readReportParquetKeys(
  file: AsyncBuffer,
  visit: (droneId: string, reportId: string) => void,
): Promise<void> {
  await readRowGroups(file, ['droneId', 'reportId'], (rows) => {
    for (const row of rows) visit(String(row.droneId), String(row.reportId))
  })
}

/** The row count a Parquet file declares in its footer; reads nothing else. */
export async function countParquetRows(file: AsyncBuffer): Promise<number> {
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH_BYTES })

  return Number(metadata.num_rows)
}

/** Decodes one row group at a time and lets the event loop in between. */
async function readRowGroups(
  file: AsyncBuffer,
  columns: string[] | undefined,
  take: (rows: Row[]) => void,
) {
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
