import { Archive, LoaderCircle } from 'lucide-react'

import type { ArchiveRun } from '@/lib/archive-types'

import { RunProgress } from './run-progress'
import { RunResults } from './run-results'

/**
 * The archive run: the button that starts one, its progress while it goes on and what it did
 * with each closed hour, which stays on screen until the next run.
 */
export function ArchiveRunPanel({
  run,
  running,
  starting,
  startError,
  archiveIntervalMs,
  timeZone,
  onStart,
}: {
  run: ArchiveRun | null
  running: boolean
  starting: boolean
  startError: string | null
  archiveIntervalMs: number
  timeZone: string
  onStart: () => void
}) {
  const busy = running || starting
  const everyMinutes = Math.round(archiveIntervalMs / 60_000)

  return (
    <section
      aria-labelledby="archive-run-title"
      className="space-y-3 rounded-lg border border-line bg-surface-1 p-3 sm:p-4"
    >
      <div className="space-y-1">
        <h2
          id="archive-run-title"
          className="text-xs font-bold tracking-widest text-ink-muted uppercase"
        >
          Archive run
        </h2>
        <p className="text-sm text-ink-muted">
          Moves every closed hour the lake lacks, or lacks late reports of, out of the history. The
          server also does it on its own every {everyMinutes} min.
        </p>
      </div>
      <button
        type="button"
        data-testid="archive-button"
        disabled={busy}
        onClick={onStart}
        className="flex w-full items-center justify-center gap-2 rounded-md bg-accent px-4 py-2.5 font-bold text-black hover:brightness-110 disabled:cursor-not-allowed disabled:bg-surface-3 disabled:text-ink-muted"
      >
        {busy ? (
          <LoaderCircle size={18} aria-hidden className="animate-spin" />
        ) : (
          <Archive size={18} aria-hidden />
        )}
        {busy ? 'Archiving…' : 'Archive closed hours now'}
      </button>
      {startError ? (
        <p role="alert" className="rounded-md bg-danger px-3 py-2 text-sm font-semibold text-black">
          The run did not start: {startError}
        </p>
      ) : null}
      {run ? (
        <>
          <RunProgress run={run} timeZone={timeZone} />
          <RunResults results={run.hours} timeZone={timeZone} />
        </>
      ) : (
        <p className="text-sm text-ink-muted">No run since the server started.</p>
      )}
    </section>
  )
}
