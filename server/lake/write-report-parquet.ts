import { open, type FileHandle } from 'node:fs/promises'

import {
  ByteWriter,
  ParquetWriter,
  schemaFromColumnData,
  type ColumnSource,
} from 'hyparquet-writer'

import type { DroneReport } from '@/lib/report'

/** The report fields that may be missing; each is a nullable column. */
export const OPTIONAL_NUMBERS = ['battery', 'speedMs', 'tempC', 'altitudeM', 'headingDeg'] as const

/**
 * Rows per row group. Encoding a group is one synchronous step, about 30 ms at this size; the
 * file write after it lets the event loop in, so alerts and health checks wait no longer than
 * that while an hour of hundreds of thousands of rows is written.
 */
const ROW_GROUP_ROWS = 5_000
/**
 * The first groups of a file are smaller and double up to the full size: the first rows a
 * process encodes run before the JIT has compiled the encoder, several times slower.
 */
const FIRST_GROUP_ROWS = 500

const REPORT_SCHEMA = schemaFromColumnData({ columnData: describeColumns([]) })

/**
 * Hands the bytes of each row group to the file as soon as the group is encoded, so that only
 * one group is ever held in memory, and the event loop runs while the disk writes.
 */
class FileSink extends ByteWriter {
  private position = 0

  constructor(private readonly handle: FileHandle) {
    super(1 << 20)
  }

  async flush() {
    const bytes = new Uint8Array(this.buffer, 0, this.index)
    let done = 0
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(
        bytes,
        done,
        bytes.length - done,
        this.position + done,
      )
      done += bytesWritten
    }
    this.position += bytes.length
    this.index = 0
  }

  override async finish() {
    await this.flush()
  }
}

/**
 * Writes reports, page after page, to a new Parquet file in row groups of bounded size and
 * waits for the disk; a file already at `path` is refused. Returns how many rows it wrote.
 * Every archive writes its parts here, so that all lakes hold files of one schema.
 */
export async function writeReportParquet(
  path: string,
  pages: AsyncIterable<DroneReport[]>,
): Promise<number> {
  const handle = await open(path, 'wx')
  try {
    const writer = new ParquetWriter({ writer: new FileSink(handle), schema: REPORT_SCHEMA })
    let rows = 0
    for await (const group of regroup(pages, ROW_GROUP_ROWS)) {
      await writer.write({ columnData: describeColumns(group), rowGroupSize: group.length })
      rows += group.length
    }
    await writer.finish()
    // A crash must not leave a short file that a later read would take for a whole one.
    await handle.sync()

    return rows
  } finally {
    await handle.close()
  }
}

/** Cuts pages of any size into row groups that grow to `full` rows, the last one shorter. */
async function* regroup(pages: AsyncIterable<DroneReport[]>, full: number) {
  let group: DroneReport[] = []
  let size = Math.min(FIRST_GROUP_ROWS, full)
  for await (const page of pages) {
    for (const report of page) {
      group.push(report)
      if (group.length < size) continue

      yield group
      group = []
      size = Math.min(full, size * 2)
    }
  }
  if (group.length > 0) yield group
}

function describeColumns(reports: DroneReport[]): ColumnSource[] {
  const column = <T>(pick: (report: DroneReport) => T) => reports.map(pick)

  return [
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
  ]
}
