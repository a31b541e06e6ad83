import { describeError } from './describe-error'

/** A kind of write that keeps failing on storage: since when, and the latest error. */
export type WriteFault = { kind: string; since: number; error: string }

/**
 * Errors that say the file cannot take writes (a full disk, an I/O error, a lock held too long),
 * as opposed to a statement that is wrong whatever the disk does.
 */
const STORAGE_FAULTS = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PERM',
]

/**
 * Watches the writes of an embedded adapter so its health can say when they fail. Each kind of
 * write is watched on its own: one kind that still lands (an update in place) must not hide
 * another that fails (an insert that needs a new page of a full disk).
 */
export function watchWrites(now: () => number = Date.now) {
  const faults = new Map<string, WriteFault>()

  return {
    /** Runs a write; a storage fault is remembered (and thrown), a success clears its kind. */
    run<T>(kind: string, write: () => T): T {
      let result: T
      try {
        result = write()
      } catch (error) {
        if (isStorageFault(error)) {
          const since = faults.get(kind)?.since ?? now()
          faults.set(kind, { kind, since, error: describeError(error) })
        }
        throw error
      }
      faults.delete(kind)

      return result
    },
    /** The longest-running fault, or null when the last write of every kind landed. */
    readFault(): WriteFault | null {
      let oldest: WriteFault | null = null
      for (const fault of faults.values()) {
        if (!oldest || fault.since < oldest.since) oldest = fault
      }

      return oldest
    },
  }
}

export type WriteWatch = ReturnType<typeof watchWrites>

function isStorageFault(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  if (typeof code !== 'string') return false

  return STORAGE_FAULTS.some((fault) => code === fault || code.startsWith(`${fault}_`))
}
