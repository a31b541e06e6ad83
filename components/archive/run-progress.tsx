import type { ArchiveRun } from '@/lib/archive-types'

import { formatCount, formatVenueTime } from '../format'

/** Where a run stands: the hour being written, counted among the closed hours, and its rows. */
function measureRun(run: ArchiveRun) {
  const done = run.hours.length
  const progress = run.progress
  // The progress keeps the last hour written until the next one starts: once that hour has a
  // result it no longer counts as under way.
  const underWay = progress && !run.hours.some((result) => result.hour === progress.hour)
  const position = Math.min(done + 1, run.hoursTotal)
  const partial = underWay && progress.rowsTotal > 0 ? progress.rowsRead / progress.rowsTotal : 0
  const share = run.hoursTotal === 0 ? 0 : Math.min(1, (done + partial) / run.hoursTotal)

  return { position, share, rows: underWay ? progress : null }
}

function describeRunning(run: ArchiveRun): string {
  if (run.hoursTotal === 0) return 'Looking for closed hours…'
  const { position, rows } = measureRun(run)
  const hourText = `hour ${position} of ${run.hoursTotal}`
  if (!rows) return `${hourText} · checking what the lake holds`

  const rowsText = `${formatCount(rows.rowsRead)} of ${formatCount(rows.rowsTotal)} rows`
  // Every row read, the part file is still being encoded and checked.
  const writing = rows.rowsRead >= rows.rowsTotal ? ' · writing the part file' : ''

  return `${hourText} · ${rowsText}${writing}`
}

function describeFinished(run: ArchiveRun, timeZone: string): string {
  const finishedAt = formatVenueTime(run.finishedAt ?? run.startedAt, timeZone)
  if (run.hoursTotal === 0) return `Finished at ${finishedAt} · no closed hour in the history`
  const added = run.hours.reduce((sum, result) => sum + result.added, 0)
  const hoursText = run.hoursTotal === 1 ? 'closed hour' : 'closed hours'

  return `Finished at ${finishedAt} · ${run.hoursTotal} ${hoursText} looked at · ${formatCount(added)} rows added`
}

/** The run's progress bar and a line saying where it stands, or how it ended. */
export function RunProgress({ run, timeZone }: { run: ArchiveRun; timeZone: string }) {
  const running = run.finishedAt === null
  const share = running ? measureRun(run).share : 1
  const percent = Math.round(share * 100)
  const failed = run.hours.some((result) => result.status === 'failed')
  const text = running ? describeRunning(run) : describeFinished(run, timeZone)

  return (
    <div
      data-testid="archive-progress"
      data-state={running ? 'running' : 'finished'}
      className="space-y-1.5"
    >
      <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-semibold" role={running ? undefined : 'status'}>
          {running ? <span className="font-bold text-accent">Archiving · </span> : null}
          <span className="figure">{text}</span>
        </span>
        <span className="figure text-xs text-ink-muted">
          started {formatVenueTime(run.startedAt, timeZone)}
        </span>
      </p>
      <div
        role="progressbar"
        aria-label="Archive run"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 overflow-hidden rounded-full bg-surface-3"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${failed ? 'bg-danger' : running ? 'bg-accent' : 'bg-band-normal'}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  )
}
