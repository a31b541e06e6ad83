'use client'

import { useCallback, useEffect, useState } from 'react'

import type { ArchiveSnapshot, ArchiveStarted } from '@/lib/api-types'

import { ApiCallError, callApi } from '../api-client'

/** While a run goes on its progress moves every second; otherwise only another run changes it. */
const POLL_RUNNING_MS = 1_000
const POLL_IDLE_MS = 5_000

function explainFailure(failure: unknown, fallback: string): string {
  return failure instanceof ApiCallError ? failure.message : fallback
}

/**
 * The lake's hours and the archive run going on or last finished, read from GET /api/archive
 * every second while a run goes on, and a way to start a run.
 */
export function useArchive() {
  const [snapshot, setSnapshot] = useState<ArchiveSnapshot | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const [startError, setStartError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)

  const running = snapshot?.run != null && snapshot.run.finishedAt === null

  useEffect(() => {
    let disposed = false
    let timer: ReturnType<typeof setTimeout> | null = null

    // Restarted whenever a run starts or ends, so that a read sent before the change cannot
    // land after it and show a finished run as still going, or the other way round.
    async function poll() {
      try {
        const loaded = await callApi<ArchiveSnapshot>('/api/archive')
        if (disposed) return
        setSnapshot(loaded)
        setReadError(null)
      } catch (failure) {
        if (disposed) return
        setReadError(explainFailure(failure, 'The lake could not be read.'))
      }
      timer = setTimeout(() => void poll(), running ? POLL_RUNNING_MS : POLL_IDLE_MS)
    }
    void poll()

    return () => {
      disposed = true
      if (timer) clearTimeout(timer)
    }
  }, [running])

  const startRun = useCallback(async () => {
    setStarting(true)
    setStartError(null)
    try {
      const started = await callApi<ArchiveStarted>('/api/archive', { method: 'POST' })
      setSnapshot((previous) => ({ hours: previous?.hours ?? [], run: started.run }))
    } catch (failure) {
      setStartError(explainFailure(failure, 'The archive run could not be started.'))
    } finally {
      setStarting(false)
    }
  }, [])

  return { snapshot, running, starting, readError, startError, startRun }
}
