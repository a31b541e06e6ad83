/**
 * A sequence that always increases within this process and roughly follows the clock across
 * processes (microseconds since the epoch), so alert copies from two server instances still
 * order sensibly in a browser.
 */
export function createSequence(now: () => number = Date.now) {
  let last = 0

  return function nextSeq(): number {
    last = Math.max(last + 1, now() * 1000)

    return last
  }
}

export type NextSeq = ReturnType<typeof createSequence>
