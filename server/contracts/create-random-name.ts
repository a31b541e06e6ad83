import { randomBytes } from 'node:crypto'

/**
 * A name no other test uses, for topics, groups and keyspaces on a shared server. Letters,
 * digits and underscores only, which Kafka topics and Cassandra keyspaces both accept.
 */
export function createRandomName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`
}
