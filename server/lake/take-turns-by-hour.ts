/**
 * Runs the tasks given for one hour one after another, and those of different hours side by
 * side, so that each write of an hour sees the parts of the one before and adds only what they
 * lack. A failed task does not stop the next one.
 */
export function createHourTurns() {
  const queued = new Map<number, Promise<unknown>>()

  return async function takeTurn<T>(hour: number, task: () => Promise<T>): Promise<T> {
    const previous = queued.get(hour) ?? Promise.resolve()
    const turn = previous.catch(() => undefined).then(task)
    queued.set(hour, turn)
    try {
      return await turn
    } finally {
      if (queued.get(hour) === turn) queued.delete(hour)
    }
  }
}
