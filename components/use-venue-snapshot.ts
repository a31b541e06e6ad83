'use client'

import { useEffect, useState } from 'react'

import type { VenueSnapshot } from '@/lib/api-types'

import { ApiCallError, callApi } from './api-client'

const RETRY_AFTER_MS = 3_000

/** The venue, its band table and freshness rule; retried until the server answers. */
export function useVenueSnapshot(): { snapshot: VenueSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<VenueSnapshot | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let disposed = false
    let retryTimer: ReturnType<typeof setTimeout> | null = null

    async function load() {
      try {
        const loaded = await callApi<VenueSnapshot>('/api/venue')
        if (disposed) return
        setSnapshot(loaded)
        setError(null)
      } catch (failure) {
        if (disposed) return
        setError(failure instanceof ApiCallError ? failure.message : 'The venue could not be read.')
        retryTimer = setTimeout(() => void load(), RETRY_AFTER_MS)
      }
    }
    void load()

    return () => {
      disposed = true
      if (retryTimer) clearTimeout(retryTimer)
    }
  }, [])

  return { snapshot, error }
}
