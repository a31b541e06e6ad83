export type WaitOptions = {
  /** Give up after this long, ms. */
  timeoutMs?: number
  /** Time between two checks, ms. */
  intervalMs?: number
  /** What was awaited, for the failure message. */
  what?: string
}

/**
 * Checks a condition again and again until it holds: it returns without throwing and gives
 * something other than `false`. Resolves with what it gave; on timeout, fails with the last
 * reason it did not hold. Tests wait for conditions this way, never for a fixed time.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20, what = 'the condition' }: WaitOptions = {},
): Promise<Exclude<T, false>> {
  const deadline = Date.now() + timeoutMs
  let lastProblem: unknown = null

  for (;;) {
    try {
      const result = await condition()
      if (result !== false) return result as Exclude<T, false>
      lastProblem = null
    } catch (error) {
      lastProblem = error
    }

    if (Date.now() >= deadline) {
      const reason = lastProblem instanceof Error ? `: ${lastProblem.message}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`, {
        cause: lastProblem ?? undefined,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
