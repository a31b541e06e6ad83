/**
 * The data lake's hours and the runs that fill it, as the archiver and the lake produce them
 * and the analyst page reads them. Types only: the browser imports them without server code.
 */

/**
 * One closed hour in the data lake, laid out as `date=YYYY-MM-DD/hour=HH` (UTC): a folder of one
 * or more part files with one schema, which Parquet tools read as one dataset.
 */
export type ArchivedHour = {
  /** Start of the hour, epoch ms, on a whole UTC hour. */
  hour: number
  /** The hour's folder, relative to the lake's root. */
  path: string
  /** The hour's part files, relative to the lake's root, in the order they were written. */
  parts: string[]
  /** Rows of every part. */
  rows: number
  /** Bytes of every part. */
  bytes: number
}

export type ArchivedHourResult = {
  hour: number
  /**
   * `archived`: the hour went into the lake; `completed`: late reports were added to an hour
   * archived before; `already-archived`: the lake held every report of it; `failed`: nothing
   * counts, the next run tries again.
   */
  status: 'archived' | 'completed' | 'already-archived' | 'failed'
  /** Rows the lake holds for the hour after this run. */
  rows: number
  /** Rows this run added. */
  added: number
  path: string | null
  error: string | null
}

/** The hour being written and how many of its rows were read. */
export type HourProgress = { hour: number; rowsRead: number; rowsTotal: number }

export type ArchiveRun = {
  startedAt: number
  finishedAt: number | null
  /** Closed hours this run looks at; `hours` fills up as it goes. */
  hoursTotal: number
  hours: ArchivedHourResult[]
  /** While a run goes on: the hour being written and how many of its rows were read. */
  progress: HourProgress | null
}
