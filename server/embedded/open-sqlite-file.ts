import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'

import type { ComponentHealth } from '@/server/ports/health'

import { describeError } from './describe-error'
import type { WriteFault } from './watch-writes'

/**
 * How hard a commit waits for the disk. `full` survives a power loss; `normal` survives a crash
 * of the process but may lose the last commits on a power loss, and blocks the event loop less.
 */
export type SqliteSynchronous = 'full' | 'normal'

/**
 * Opens the SQLite file of an embedded adapter: folder made, WAL journal, busy lock waited on.
 * `maxBytes` caps the file: a write that would grow it further fails with SQLITE_FULL, as on a
 * full disk (a quota, and how tests make a disk full).
 */
export function openSqliteFile(
  file: string,
  synchronous: SqliteSynchronous = 'full',
  maxBytes?: number,
) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })

  const db = new Database(file)
  // WAL lets readers (a health check, a second process) run while a writer commits.
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('busy_timeout = 5000')
  if (maxBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`)
  }

  return db
}

/**
 * One line saying what a SQLite adapter stands on, or what is wrong with it. A file that answers
 * reads but refuses writes (a full disk) is down, with the error and since when.
 */
export function describeSqliteFile(
  name: string,
  db: Database.Database,
  file: string,
  fault: WriteFault | null = null,
): ComponentHealth {
  if (!db.open) return { name, state: 'down', detail: `embedded SQLite at ${file} is closed` }
  if (fault) {
    const since = new Date(fault.since).toISOString()
    const failing = `${fault.kind} writes failing since ${since}: ${fault.error}`

    return { name, state: 'down', detail: `embedded SQLite at ${file}: ${failing}` }
  }

  try {
    db.prepare('SELECT 1').get()
  } catch (error) {
    return { name, state: 'down', detail: `embedded SQLite at ${file}: ${describeError(error)}` }
  }

  return { name, state: 'up', detail: `embedded SQLite at ${file}` }
}
