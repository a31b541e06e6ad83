import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'

import type { ComponentHealth } from '@/server/ports/health'

import { describeError } from './describe-error'

/**
 * How hard a commit waits for the disk. `full` survives a power loss; `normal` survives a crash
 * of the process but may lose the last commits on a power loss, and blocks the event loop less.
 */
export type SqliteSynchronous = 'full' | 'normal'

/** Opens the SQLite file of an embedded adapter: folder made, WAL journal, busy lock waited on. */
export function openSqliteFile(file: string, synchronous: SqliteSynchronous = 'full') {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })

  const db = new Database(file)
  // WAL lets readers (a health check, a second process) run while a writer commits.
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('busy_timeout = 5000')

  return db
}

/** One line saying what a SQLite adapter stands on, or what is wrong with it. */
export function describeSqliteFile(
  name: string,
  db: Database.Database,
  file: string,
): ComponentHealth {
  if (!db.open) return { name, state: 'down', detail: `embedded SQLite at ${file} is closed` }

  try {
    db.prepare('SELECT 1').get()
  } catch (error) {
    return { name, state: 'down', detail: `embedded SQLite at ${file}: ${describeError(error)}` }
  }

  return { name, state: 'up', detail: `embedded SQLite at ${file}` }
}
