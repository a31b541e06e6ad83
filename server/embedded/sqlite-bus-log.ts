import type { BusRecord } from '@/server/ports/bus'

import { describeSqliteFile, openSqliteFile, type SqliteSynchronous } from './open-sqlite-file'
import { watchWrites } from './watch-writes'

/** Records bound for one topic, as one publish call gave them. */
export type TopicAppend = { topic: string; records: BusRecord[] }

export type LoggedRecord = BusRecord & { position: number; timestamp: number }

export type GroupCommit = { committed: number; committedAt: number | null }

type CommitRow = { committed: number; committed_at: number | null }

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS topics (
    topic TEXT PRIMARY KEY,
    next_position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS records (
    topic TEXT NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (topic, position)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS commits (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    committed INTEGER NOT NULL,
    committed_at INTEGER,
    PRIMARY KEY (group_id, topic)
  );
`

/**
 * Opens the storage of the embedded bus: per topic, a log of records at dense positions from 0
 * and the next position to hand out; per (group, topic), the position the group reads next.
 * Positions never go back, even once old records are removed.
 */
export function openBusLog(
  file: string,
  synchronous: SqliteSynchronous,
  now: () => number,
  maxBytes?: number,
) {
  const db = openSqliteFile(file, synchronous, maxBytes)
  db.exec(SCHEMA)
  const writes = watchWrites(now)

  const statements = {
    ensureTopic: db.prepare('INSERT OR IGNORE INTO topics (topic, next_position) VALUES (?, 0)'),
    readEnd: db
      .prepare<[string], number>('SELECT next_position FROM topics WHERE topic = ?')
      .pluck(),
    saveEnd: db.prepare('UPDATE topics SET next_position = ? WHERE topic = ?'),
    insertRecord: db.prepare(
      'INSERT INTO records (topic, position, key, value, timestamp) VALUES (?, ?, ?, ?, ?)',
    ),
    readRecords: db.prepare<[string, number, number], LoggedRecord>(
      'SELECT position, key, value, timestamp FROM records ' +
        'WHERE topic = ? AND position >= ? ORDER BY position LIMIT ?',
    ),
    readEarliest: db
      .prepare<[string], number | null>('SELECT MIN(position) FROM records WHERE topic = ?')
      .pluck(),
    registerGroup: db.prepare(
      'INSERT OR IGNORE INTO commits (group_id, topic, committed, committed_at) ' +
        'VALUES (?, ?, ?, NULL)',
    ),
    readCommit: db.prepare<[string, string], CommitRow>(
      'SELECT committed, committed_at FROM commits WHERE group_id = ? AND topic = ?',
    ),
    saveCommit: db.prepare(
      'UPDATE commits SET committed = ?, committed_at = ? WHERE group_id = ? AND topic = ?',
    ),
    listTopics: db.prepare<[], string>('SELECT topic FROM topics').pluck(),
    readSlowestCommit: db
      .prepare<[string], number | null>('SELECT MIN(committed) FROM commits WHERE topic = ?')
      .pluck(),
    deleteRecords: db.prepare(
      'DELETE FROM records WHERE topic = ? AND position < ? AND timestamp < ?',
    ),
  }

  const append = db.transaction((appends: TopicAppend[]) => {
    const timestamp = now()
    for (const { topic, records } of appends) {
      statements.ensureTopic.run(topic)
      let position = statements.readEnd.get(topic) ?? 0
      for (const record of records) {
        statements.insertRecord.run(topic, position, record.key, record.value, timestamp)
        position += 1
      }
      statements.saveEnd.run(position, topic)
    }
  })

  const removeExpired = db.transaction((maxAgeMs: number) => {
    const cutoff = now() - maxAgeMs
    let removed = 0
    for (const topic of statements.listTopics.all()) {
      // A topic nobody reads keeps its records for the retention age only, as Kafka does.
      const floor = statements.readSlowestCommit.get(topic) ?? statements.readEnd.get(topic) ?? 0
      removed += statements.deleteRecords.run(topic, floor, cutoff).changes
    }

    return removed
  })

  function readStart(topic: string, startAt: 'earliest' | 'latest'): number {
    const end = statements.readEnd.get(topic) ?? 0
    if (startAt === 'latest') return end

    return statements.readEarliest.get(topic) ?? end
  }

  function readCommit(groupId: string, topic: string): GroupCommit | null {
    const row = statements.readCommit.get(groupId, topic)

    return row ? { committed: row.committed, committedAt: row.committed_at } : null
  }

  return {
    /** Appends in one transaction, which takes the write lock at once: positions cannot clash. */
    append: (appends: TopicAppend[]) => writes.run('publish', () => append.immediate(appends)),
    /** A group new to the topic starts at the earliest record kept; a known one keeps its place. */
    registerGroup(groupId: string, topic: string, startAt: 'earliest' | 'latest' = 'earliest') {
      statements.ensureTopic.run(topic)
      statements.registerGroup.run(groupId, topic, readStart(topic, startAt))
    },
    /** Where a reader starting now begins: the earliest record kept, or the end of the topic. */
    readStart,
    readCommit,
    readRecords: (topic: string, from: number, limit: number) =>
      statements.readRecords.all(topic, from, limit),
    saveCommit(groupId: string, topic: string, committed: number) {
      writes.run('commit', () => statements.saveCommit.run(committed, now(), groupId, topic))
    },
    /** The position the next record of the topic will get. */
    readEnd: (topic: string) => statements.readEnd.get(topic) ?? 0,
    /** Removes what every group registered on a topic has committed and is older than the age. */
    removeExpired: (maxAgeMs: number): number => removeExpired(maxAgeMs),
    /** Down while publishes or commits fail on storage, up again once the next one lands. */
    describe: () => describeSqliteFile('bus', db, file, writes.readFault()),
    close: () => db.close(),
  }
}

export type BusLog = ReturnType<typeof openBusLog>
