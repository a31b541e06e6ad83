import { formatBytes } from '@/lib/format-bytes'
import type { ArchivedHour } from '@/lib/archive-types'

import { formatCount } from '../format'

/** What the lake is, for an analyst who opens it for the first time, and what it holds now. */
export function LakeIntro({
  hours,
  historyRetentionMs,
  lakeLocation,
}: {
  hours: ArchivedHour[] | null
  historyRetentionMs: number
  /** Where the lake lives, as its adapter describes it, e.g. `data lake in the folder …`. */
  lakeLocation: string | null
}) {
  const retentionHours = Math.round(historyRetentionMs / 3_600_000)
  const rows = hours?.reduce((sum, hour) => sum + hour.rows, 0) ?? null
  const bytes = hours?.reduce((sum, hour) => sum + hour.bytes, 0) ?? null

  return (
    <section
      aria-labelledby="lake-intro-title"
      className="space-y-3 rounded-lg border border-line bg-surface-1 p-3 sm:p-4"
    >
      <h2
        id="lake-intro-title"
        className="text-xs font-bold tracking-widest text-ink-muted uppercase"
      >
        About the lake
      </h2>
      <p className="text-sm leading-relaxed">
        The history keeps drone reports for {retentionHours} h only. Once an hour has closed, the
        archiver moves its reports into this data lake, where they stay for analysis after the
        event: columnar <strong>Parquet</strong> files that standard tools read (DuckDB, Spark,
        pandas, Arrow), partitioned by UTC date and hour as{' '}
        <code className="font-mono text-accent">date=YYYY-MM-DD/hour=HH</code>. A file is written
        once and never changed; reports that arrive after their hour was archived are added as an
        extra part file in the same folder.
      </p>
      {lakeLocation ? (
        <p className="text-xs break-words text-ink-muted">
          Where: <span className="font-mono text-ink">{lakeLocation}</span>
        </p>
      ) : null}
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="rounded-md bg-surface-2 px-2 py-1.5">
          <dt className="text-xs text-ink-muted">Hours</dt>
          <dd className="figure text-xl font-extrabold">{hours ? hours.length : '—'}</dd>
        </div>
        <div className="rounded-md bg-surface-2 px-2 py-1.5">
          <dt className="text-xs text-ink-muted">Rows</dt>
          <dd className="figure text-xl font-extrabold">
            {rows === null ? '—' : formatCount(rows)}
          </dd>
        </div>
        <div className="rounded-md bg-surface-2 px-2 py-1.5">
          <dt className="text-xs text-ink-muted">Size</dt>
          <dd className="figure text-xl font-extrabold">
            {bytes === null ? '—' : formatBytes(bytes)}
          </dd>
        </div>
      </dl>
    </section>
  )
}
