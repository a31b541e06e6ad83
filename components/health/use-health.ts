'use client'

import { useEffect, useState } from 'react'

import type { HealthReport } from '@/lib/api-types'

import { ApiCallError, callApi } from '../api-client'

const POLL_MS = 10_000

export type HealthReading = {
  report: HealthReport | null
  /** Why the last check got no report; the report before it is kept, with its time. */
  error: string | null
  /** When the report was received, browser time. */
  reportedAt: number | null
}

function isHealthReport(body: unknown): body is HealthReport {
  return typeof body === 'object' && body !== null && 'status' in body && 'components' in body
}

/** GET /api/health; with a part down it answers 503 with the same report, which is read too. */
async function readHealth(): Promise<HealthReport> {
  const body = await callApi<unknown>('/api/health', undefined, [503])
  if (!isHealthReport(body)) throw new ApiCallError(503, 'http', 'The health check got no report.')

  return body
}

/** The system's health, checked every 10 s. */
export function useHealth(): HealthReading {
  const [reading, setReading] = useState<HealthReading>({
    report: null,
    error: null,
    reportedAt: null,
  })

  useEffect(() => {
    let disposed = false

    async function check() {
      try {
        const report = await readHealth()
        if (!disposed) setReading({ report, error: null, reportedAt: Date.now() })
      } catch (failure) {
        if (disposed) return
        const error = failure instanceof ApiCallError ? failure.message : 'The health check failed.'
        setReading((previous) => ({ ...previous, error }))
      }
    }
    void check()
    const timer = setInterval(() => void check(), POLL_MS)

    return () => {
      disposed = true
      clearInterval(timer)
    }
  }, [])

  return reading
}
