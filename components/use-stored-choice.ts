'use client'

import { useCallback, useSyncExternalStore } from 'react'

const CHANGED = 'crowdwatch:stored-choice'

// Private browsing can forbid storage; the choice then lasts for this page only.
const unsaved = new Map<string, string | null>()

function subscribe(onChange: () => void) {
  window.addEventListener('storage', onChange)
  window.addEventListener(CHANGED, onChange)

  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(CHANGED, onChange)
  }
}

function read(key: string): string | null {
  if (unsaved.has(key)) return unsaved.get(key) ?? null
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

/**
 * A choice remembered in this browser (localStorage), such as the officer's station. It reads
 * as null during server rendering and takes its stored value once the page is hydrated.
 */
export function useStoredChoice(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  )

  const choose = useCallback(
    (next: string | null) => {
      try {
        if (next === null) window.localStorage.removeItem(key)
        else window.localStorage.setItem(key, next)
        unsaved.delete(key)
      } catch {
        unsaved.set(key, next)
      }
      window.dispatchEvent(new Event(CHANGED))
    },
    [key],
  )

  return [value, choose]
}
