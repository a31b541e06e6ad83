'use client'

import { useEffect, useState } from 'react'

/**
 * The browser's clock, refreshed every `intervalMs`. Freshness ("stale after 30 s") changes
 * with time alone, so the figures that depend on it need a tick, not just new data.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)

    return () => clearInterval(timer)
  }, [intervalMs])

  return now
}
