const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** Reads a duration such as `90s`, `10m`, `1.5h` or `500ms`; a bare number is seconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text)
  const value = match ? Number(match[1]) * (UNIT_MS[match[2] ?? 's'] as number) : NaN
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`"${text}" is not a duration: use a number with ms, s, m or h, e.g. 90s or 10m`)
  }

  return Math.round(value)
}

/** Writes a duration for people: `45 s`, `10 min`, `1 h 30 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`

  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `${minutes} min`

  const rest = minutes % 60

  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`
}
