import type { ArchivedHourResult } from '@/lib/archive-types'

import { formatCount } from '../format'
import { HourSpan } from './hour-span'

function describeOutcome(result: ArchivedHourResult): { label: string; className: string } {
  switch (result.status) {
    case 'archived':
      return { label: 'Archived', className: 'text-band-normal' }
    case 'completed': {
      const late = result.added === 1 ? 'late report' : 'late reports'

      return {
        label: `Completed with ${formatCount(result.added)} ${late}`,
        className: 'text-accent',
      }
    }
    case 'already-archived':
      return { label: 'Already archived', className: 'text-ink-muted' }
    case 'failed':
      return { label: 'FAILED', className: 'rounded bg-danger px-1.5 text-black' }
  }
}

function RunResult({ result, timeZone }: { result: ArchivedHourResult; timeZone: string }) {
  const outcome = describeOutcome(result)
  const failed = result.status === 'failed'

  return (
    <li
      data-testid="archive-result"
      data-status={result.status}
      data-hour={result.hour}
      className={`flex flex-col gap-1 px-3 py-2 ${failed ? 'border-l-4 border-danger bg-danger/10' : ''}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <HourSpan hour={result.hour} timeZone={timeZone} withDay />
        <span className={`text-sm font-black tracking-wide uppercase ${outcome.className}`}>
          {outcome.label}
        </span>
      </div>
      {failed ? (
        <p className="text-sm">
          <span className="block font-semibold break-words text-danger">
            {result.error ?? 'no reason given'}
          </span>
          <span className="text-ink-muted">
            Nothing of this run counts; the next one tries again.
          </span>
        </p>
      ) : (
        <p className="flex flex-wrap gap-x-3 text-xs text-ink-muted">
          <span>
            <span className="figure font-semibold text-ink">{formatCount(result.rows)}</span> rows
            in the lake
          </span>
          {result.path ? <code className="font-mono break-all">{result.path}/</code> : null}
        </p>
      )}
    </li>
  )
}

/** What the run did with each closed hour, in the order it went through them. */
export function RunResults({
  results,
  timeZone,
}: {
  results: ArchivedHourResult[]
  timeZone: string
}) {
  if (results.length === 0) return null

  return (
    <ol
      aria-label="Result per hour"
      className="max-h-[28rem] divide-y divide-line overflow-y-auto rounded-md border border-line bg-surface-0"
    >
      {results.map((result) => (
        <RunResult key={result.hour} result={result} timeZone={timeZone} />
      ))}
    </ol>
  )
}
