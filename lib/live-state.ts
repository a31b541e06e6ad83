/** Anything the live state keeps one of per key: the newest by event time wins. */
export type Timed = { ts: number; reportId: string }

/**
 * Whether a candidate replaces the current state. "Latest" is the greatest event time, never
 * the last arrival, so late and redelivered reports cannot move the live state backwards.
 * Equal times are settled by report id so every instance picks the same winner.
 */
export function supersedes(candidate: Timed, current: Timed | undefined): boolean {
  if (!current) return true
  if (candidate.ts !== current.ts) return candidate.ts > current.ts

  return candidate.reportId > current.reportId
}

/** Keeps, for each key, the one item that supersedes all the others. */
export function pickLatest<T extends Timed>(items: Iterable<T>, keyOf: (item: T) => string) {
  const latest = new Map<string, T>()
  for (const item of items) {
    const key = keyOf(item)
    if (supersedes(item, latest.get(key))) latest.set(key, item)
  }

  return latest
}
