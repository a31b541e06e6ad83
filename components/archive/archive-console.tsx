'use client'

import { ArrowLeft } from 'lucide-react'
import Link from 'next/link'
import { useSyncExternalStore } from 'react'

import { StatusHeader } from '../status-header'
import { useNow } from '../use-now'
import { ArchiveRunPanel } from './archive-run-panel'
import { LakeHours } from './lake-hours'
import { LakeIntro } from './lake-intro'
import { useArchive } from './use-archive'

function subscribeToNothing() {
  return () => undefined
}

/**
 * The analyst's page of the data lake: what it is, the hours it holds by day, and a run that
 * archives the closed hours now, followed as it goes.
 */
export function ArchiveConsole({
  venueName,
  timeZone,
  historyRetentionMs,
  archiveIntervalMs,
  lakeLocation,
}: {
  venueName: string
  timeZone: string
  historyRetentionMs: number
  archiveIntervalMs: number
  lakeLocation: string | null
}) {
  const now = useNow(1_000)
  // The clock reads differently on the server and in the browser: it shows once hydrated.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  )
  const { snapshot, running, starting, readError, startError, startRun } = useArchive()
  const hours = snapshot?.hours ?? null

  return (
    <div className="flex min-h-dvh flex-col">
      <StatusHeader
        title="Data lake"
        venueName={venueName}
        timeZone={hydrated ? timeZone : null}
        now={now}
        connection={null}
      >
        <Link
          href="/"
          className="flex items-center gap-1.5 rounded-md border border-line px-2 py-1 text-sm font-semibold text-ink-muted hover:bg-surface-2 hover:text-ink"
        >
          <ArrowLeft size={16} aria-hidden />
          <span className="sr-only sm:not-sr-only">Command center</span>
        </Link>
      </StatusHeader>
      {readError ? (
        <p role="alert" className="bg-band-busy px-3 py-2 text-sm font-semibold text-black sm:px-4">
          The lake could not be read: {readError} Retrying.
        </p>
      ) : null}
      <main className="mx-auto grid w-full max-w-[100rem] flex-1 content-start gap-3 p-2 sm:p-3 lg:grid-cols-[26rem_minmax(0,1fr)] lg:gap-4 lg:p-4">
        <div className="flex flex-col gap-3">
          <ArchiveRunPanel
            run={snapshot?.run ?? null}
            running={running}
            starting={starting}
            startError={startError}
            archiveIntervalMs={archiveIntervalMs}
            timeZone={timeZone}
            onStart={() => void startRun()}
          />
          <LakeIntro
            hours={hours}
            historyRetentionMs={historyRetentionMs}
            lakeLocation={lakeLocation}
          />
        </div>
        <section aria-labelledby="lake-hours-title" className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <h2
              id="lake-hours-title"
              className="text-xs font-bold tracking-widest text-ink-muted uppercase"
            >
              Archived hours
            </h2>
            <p className="text-xs text-ink-muted">
              By venue date, newest first. Each hour in venue time and in UTC, which names the
              lake&apos;s folders.
            </p>
          </div>
          <LakeHours hours={hours} timeZone={timeZone} />
        </section>
      </main>
    </div>
  )
}
