import { EventEmitter } from 'node:events'

import { pino, type Logger } from 'pino'

import type {
  BatchHandler,
  Bus,
  BusMessage,
  BusRecord,
  Consumer,
  GroupState,
  GroupStatus,
  Subscription,
} from '@/server/ports/bus'

import { describeError } from './describe-error'
import type { SqliteSynchronous } from './open-sqlite-file'
import { openBusLog } from './sqlite-bus-log'

export type SqliteBusOptions = {
  /** The SQLite file that holds the topics' logs and the groups' committed offsets. */
  file: string
  /** How often an idle group looks for records written by another process, ms. */
  pollIntervalMs?: number
  retention?: {
    /** Records younger than this are kept even when every group has committed them, ms. */
    maxAgeMs?: number
    /** How often expired records are removed, ms. */
    checkIntervalMs?: number
  }
  synchronous?: SqliteSynchronous
  /** Caps the file's size, bytes: past it a publish fails as on a full disk. Unset: no cap. */
  maxBytes?: number
  logger?: Logger
  /** Clock for record timestamps, retention and fault times, epoch ms. */
  now?: () => number
}

/** The embedded bus, plus the retention pass so a test can run it on demand. */
export type SqliteBus = Bus & {
  /** Removes the records every group has committed and that are past the retention age. */
  removeExpired(): number
}

type PendingPublish = {
  topic: string
  records: BusRecord[]
  resolve: () => void
  reject: (error: unknown) => void
}

type Member = {
  groupId: string
  topic: string
  /** Set for an ephemeral member: its place in the topic, kept in memory only. */
  position: number | null
  committedAt: number | null
  handleBatch: BatchHandler
  maxBatchSize: number
  state: GroupState
  handled: number
  lastError: string | null
  stopping: boolean
  /** Ends the member's current pause early (stop, a hand-over). */
  interrupt: (() => void) | null
  done: Promise<void>
}

const HOUR_MS = 3_600_000
const FIRST_BACKOFF_MS = 100
const MAX_BACKOFF_MS = 5_000

/**
 * Opens the embedded bus: one durable log per topic in a SQLite file, one partition per topic
 * (a total order keeps every key's order), and offsets committed per (group, topic). It serves
 * one process; run Kafka when several server instances share the work.
 */
export function createSqliteBus({
  file,
  pollIntervalMs = 1_000,
  retention = {},
  synchronous = 'full',
  maxBytes,
  logger,
  now = Date.now,
}: SqliteBusOptions): SqliteBus {
  const { maxAgeMs = 24 * HOUR_MS, checkIntervalMs = 60_000 } = retention
  const log = (logger ?? pino({ enabled: false })).child({ module: 'sqlite-bus' })
  const busLog = openBusLog(file, synchronous, now, maxBytes)

  const arrivals = new EventEmitter()
  arrivals.setMaxListeners(0)
  /** Members per `group\u0000topic`; the first one consumes, the others stand by. */
  const members = new Map<string, Member[]>()
  let pending: PendingPublish[] = []
  let flushScheduled = false
  let closing: Promise<void> | null = null
  let closed = false

  /**
   * Writes every publish of this turn of the event loop in one transaction: concurrent requests
   * share one commit (and one fsync) instead of paying for one each.
   */
  function flushPending() {
    flushScheduled = false
    if (pending.length === 0) return

    const batch = pending
    pending = []
    try {
      busLog.append(batch)
    } catch (error) {
      log.error({ err: error, records: countRecords(batch) }, 'publish failed')
      for (const publish of batch) publish.reject(error)

      return
    }

    for (const publish of batch) publish.resolve()
    for (const topic of new Set(batch.map((publish) => publish.topic))) arrivals.emit(topic)
  }

  function publish(topic: string, records: BusRecord[]): Promise<void> {
    if (closed) return Promise.reject(new Error('the bus is closed'))
    const problem = findRecordProblem(topic, records)
    if (problem) return Promise.reject(new Error(problem))
    if (records.length === 0) return Promise.resolve()

    return new Promise((resolve, reject) => {
      pending.push({ topic, records, resolve, reject })
      if (flushScheduled) return

      flushScheduled = true
      setImmediate(flushPending)
    })
  }

  function readBatch(member: Member): BusMessage[] {
    const from = member.position ?? busLog.readCommit(member.groupId, member.topic)?.committed ?? 0
    const records = busLog.readRecords(member.topic, from, member.maxBatchSize)

    return records.map((record) => ({
      topic: member.topic,
      partition: 0,
      offset: String(record.position),
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
    }))
  }

  /** Hands a batch to the group's handler; commits past it only once the handler resolved. */
  async function deliver(member: Member, messages: BusMessage[]): Promise<boolean> {
    try {
      await member.handleBatch(messages)
    } catch (error) {
      member.state = 'retrying'
      member.lastError = describeError(error)
      log.warn(
        { groupId: member.groupId, topic: member.topic, offset: messages[0]?.offset, err: error },
        'batch handler failed, the batch will come again',
      )

      return false
    }

    const last = Number(messages[messages.length - 1]?.offset)
    if (member.position === null) busLog.saveCommit(member.groupId, member.topic, last + 1)
    else [member.position, member.committedAt] = [last + 1, now()]
    member.handled += messages.length
    if (member.state === 'retrying') {
      log.info({ groupId: member.groupId, topic: member.topic }, 'batch handler recovered')
    }
    member.state = 'running'
    member.lastError = null

    return true
  }

  function isConsuming(member: Member) {
    return members.get(memberKey(member.groupId, member.topic))?.[0] === member
  }

  /** Waits for `ms`, for a stop or, when asked, for new records on the member's topic. */
  function pause(member: Member, ms: number, wakeOnArrival: boolean): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        arrivals.off(member.topic, finish)
        member.interrupt = null
        resolve()
      }
      const timer = setTimeout(finish, ms)
      if (wakeOnArrival) arrivals.on(member.topic, finish)
      member.interrupt = finish
    })
  }

  async function runMember(member: Member) {
    let failures = 0
    while (!member.stopping) {
      if (!isConsuming(member)) {
        member.state = 'running'
        await pause(member, pollIntervalMs, false)
        continue
      }

      let delivered: boolean
      try {
        const messages = readBatch(member)
        if (messages.length === 0) {
          member.state = 'running'
          await pause(member, pollIntervalMs, true)
          continue
        }
        delivered = await deliver(member, messages)
      } catch (error) {
        // A storage fault (a locked or full disk): nothing was committed, so try again later.
        member.state = 'retrying'
        member.lastError = `bus storage: ${describeError(error)}`
        log.warn({ groupId: member.groupId, topic: member.topic, err: error }, 'bus storage fault')
        delivered = false
      }

      if (delivered) {
        failures = 0
        continue
      }

      failures += 1
      const backoffMs = Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS)
      await pause(member, backoffMs, false)
    }
    member.state = 'stopped'
  }

  async function subscribe(subscription: Subscription): Promise<Consumer> {
    if (closing) throw new Error('the bus is closed')
    const { groupId, topic, handleBatch, maxBatchSize = 500 } = subscription
    const startAt = subscription.startAt ?? 'earliest'
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
      throw new Error(`maxBatchSize must be a whole number of 1 or more, got ${maxBatchSize}`)
    }

    // An ephemeral group is never registered, so it holds back no record from retention.
    if (!subscription.ephemeral) busLog.registerGroup(groupId, topic, startAt)
    const member: Member = {
      groupId,
      topic,
      position: subscription.ephemeral ? busLog.readStart(topic, startAt) : null,
      committedAt: null,
      handleBatch,
      maxBatchSize,
      state: 'starting',
      handled: 0,
      lastError: null,
      stopping: false,
      interrupt: null,
      done: Promise.resolve(),
    }
    const key = memberKey(groupId, topic)
    members.set(key, [...(members.get(key) ?? []), member])
    member.done = runMember(member)
    log.info({ groupId, topic }, 'consumer joined')

    return { groupId, stop: () => stopMember(member) }
  }

  async function stopMember(member: Member) {
    member.stopping = true
    member.interrupt?.()
    // The member leaves only once its batch is over, so a stand-by never reads the same records
    // while they are still being handled.
    await member.done

    const key = memberKey(member.groupId, member.topic)
    const remaining = (members.get(key) ?? []).filter((other) => other !== member)
    if (remaining.length === 0) members.delete(key)
    else members.set(key, remaining)
    remaining[0]?.interrupt?.()
  }

  async function describeGroups(): Promise<GroupStatus[]> {
    const statuses: GroupStatus[] = []
    for (const group of members.values()) {
      for (const member of group) {
        const commit =
          member.position === null
            ? busLog.readCommit(member.groupId, member.topic)
            : { committed: member.position, committedAt: member.committedAt }
        statuses.push({
          groupId: member.groupId,
          topic: member.topic,
          state: member.state,
          lag: Math.max(0, busLog.readEnd(member.topic) - (commit?.committed ?? 0)),
          handled: member.handled,
          lastCommitAt: commit?.committedAt ?? null,
          lastError: member.lastError,
        })
      }
    }

    return statuses
  }

  const retentionTimer = setInterval(() => {
    try {
      const removed = busLog.removeExpired(maxAgeMs)
      if (removed > 0) log.debug({ removed }, 'expired records removed')
    } catch (error) {
      log.warn({ err: error }, 'removing expired records failed')
    }
  }, checkIntervalMs)
  retentionTimer.unref()

  /** Lets every member finish its batch (a handler may still publish), then shuts the file. */
  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(retentionTimer)
      const everyone = [...members.values()].flat()
      await Promise.all(everyone.map((member) => stopMember(member)))
      closed = true
      flushPending()
      busLog.close()
    })()

    return closing
  }

  return {
    publish,
    subscribe,
    describeGroups,
    describe: async () => busLog.describe(),
    close,
    removeExpired: () => busLog.removeExpired(maxAgeMs),
  }
}

function memberKey(groupId: string, topic: string) {
  return `${groupId}\u0000${topic}`
}

function countRecords(batch: PendingPublish[]) {
  return batch.reduce((total, publish) => total + publish.records.length, 0)
}

/** Refuses a malformed publish up front, so it cannot fail the publishes written with it. */
function findRecordProblem(topic: string, records: BusRecord[]): string | null {
  if (typeof topic !== 'string' || topic.length === 0) return 'a topic name must not be empty'

  const index = records.findIndex(
    (record) => typeof record.key !== 'string' || typeof record.value !== 'string',
  )
  if (index >= 0) return `record ${index} for ${topic}: key and value must be strings`

  return null
}
