import type { ComponentHealth } from './health'

/** A record to append to a topic. Records with the same key keep their order. */
export type BusRecord = { key: string; value: string }

/** A record as a consumer group receives it. */
export type BusMessage = BusRecord & {
  topic: string
  partition: number
  /** Position in the partition, as a decimal string (Kafka offsets outgrow 2^53). */
  offset: string
  /** When the bus took the record, epoch ms. */
  timestamp: number
}

/**
 * Handles a batch of messages in order. Resolving means the work is durable and the group may
 * commit past the batch; throwing means none of it counts and the batch comes again.
 */
export type BatchHandler = (messages: BusMessage[]) => Promise<void>

export type Subscription = {
  groupId: string
  topic: string
  handleBatch: BatchHandler
  /** Upper bound on messages per batch. */
  maxBatchSize?: number
  /** Where a group new to the topic starts: the earliest record kept (default) or the end. */
  startAt?: 'earliest' | 'latest'
  /**
   * A group of this process alone (each server instance pushing to its own browsers): it keeps
   * no committed place across restarts, holds back no retention, and disappears when stopped.
   */
  ephemeral?: boolean
}

export type GroupState = 'starting' | 'running' | 'retrying' | 'crashed' | 'stopped'

export type GroupStatus = {
  groupId: string
  topic: string
  state: GroupState
  /** Messages published to the topic that the group has not committed yet. */
  lag: number
  /** Messages this member has handled since it started. */
  handled: number
  lastCommitAt: number | null
  lastError: string | null
}

export type Consumer = {
  readonly groupId: string
  stop(): Promise<void>
}

/**
 * The report bus: topics with consumer groups. Every group sees every record; within a key the
 * order is kept; a group commits only after its handler resolved, so a crash or a failed
 * handler replays from the last commit (at-least-once).
 */
export interface Bus {
  /** Appends records; resolves only once they are durable, so a 202 can be answered. */
  publish(topic: string, records: BusRecord[]): Promise<void>
  /** Joins a consumer group; a new group starts from the earliest record kept. */
  subscribe(subscription: Subscription): Promise<Consumer>
  /** The state of every group this process takes part in. */
  describeGroups(): Promise<GroupStatus[]>
  describe(): Promise<ComponentHealth>
  close(): Promise<void>
}
