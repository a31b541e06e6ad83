import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Bus, BusMessage, BusRecord, Consumer, Subscription } from '@/server/ports/bus'

import { createRandomName } from './create-random-name'
import { waitFor } from './wait-for'

/** A bus to test, on storage shared with `openPeer`, and how to throw it all away. */
export type BusHarness = {
  bus: Bus
  /** Another client of the same log: a second connection to the broker, or to the file. */
  openPeer(): Promise<Bus>
  cleanup(): Promise<void>
}

type Collector = {
  handleBatch: Subscription['handleBatch']
  batches: BusMessage[][]
  values(): string[]
}

/**
 * The behaviour every Bus adapter must show. `open` gives a fresh harness per test; topics and
 * groups get random names, so a broker may be shared with other tests.
 */
export function describeBusContract(name: string, open: () => Promise<BusHarness>) {
  describe(`Bus contract: ${name}`, () => {
    let harness: BusHarness
    let consumers: Consumer[]
    let peers: Bus[]

    beforeEach(async () => {
      harness = await open()
      consumers = []
      peers = []
    })

    afterEach(async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()))
      await Promise.all(peers.map((peer) => peer.close()))
      await harness.cleanup()
    })

    async function subscribe(subscription: Subscription, bus = harness.bus) {
      const consumer = await bus.subscribe(subscription)
      consumers.push(consumer)

      return consumer
    }

    async function openPeer() {
      const peer = await harness.openPeer()
      peers.push(peer)

      return peer
    }

    /**
     * Waits until a group that starts at the end has really joined: a probe record published
     * now reaches it (a broker may assign partitions a moment after subscribe returns).
     */
    async function waitForJoin(topic: string, collector: Collector) {
      await waitFor(
        async () => {
          await harness.bus.publish(topic, [
            { key: 'probe', value: JSON.stringify({ key: 'probe', seq: 0 }) },
          ])

          return collector.values().some((value) => value.includes('"probe"'))
        },
        { what: 'the group to join', intervalMs: 250 },
      )
    }

    async function findGroup(groupId: string, topic: string, bus = harness.bus) {
      const groups = await bus.describeGroups()
      const group = groups.find((status) => status.groupId === groupId && status.topic === topic)
      if (!group) throw new Error(`group ${groupId} on ${topic} is not described`)

      return group
    }

    it('lets every group see every record, before and after it joined', async () => {
      const topic = createRandomName('topic')
      const first = makeRecords(['k1', 'k2', 'k3'], 0, 10)
      const later = makeRecords(['k1', 'k2', 'k3'], 10, 20)
      const groups = [createRandomName('group'), createRandomName('group')]
      const collectors = [collectMessages(), collectMessages()]

      await harness.bus.publish(topic, first)
      for (const [index, groupId] of groups.entries()) {
        await subscribe({ groupId, topic, handleBatch: collectors[index]!.handleBatch })
      }
      await harness.bus.publish(topic, later)

      const expected = [...first, ...later].map((record) => record.value).sort()
      for (const collector of collectors) {
        await waitFor(() => collector.values().length >= expected.length, {
          what: 'every record in every group',
        })
        expect([...collector.values()].sort()).toEqual(expected)
      }
    })

    it('keeps the order of each key across many keys and many batches', async () => {
      const topic = createRandomName('topic')
      const keys = Array.from({ length: 40 }, (_, index) => `drone-${index}`)
      const collector = collectMessages()
      await subscribe({
        groupId: createRandomName('group'),
        topic,
        handleBatch: collector.handleBatch,
        maxBatchSize: 7,
      })

      for (let round = 0; round < 5; round++) {
        await harness.bus.publish(topic, makeRecords(keys, round * 5, round * 5 + 5))
      }

      await waitFor(() => collector.values().length >= keys.length * 25, {
        what: 'all 1000 records',
      })
      const seen = new Map<string, number[]>()
      for (const message of collector.batches.flat()) {
        seen.set(message.key, [...(seen.get(message.key) ?? []), readSeq(message)])
      }
      const inOrder = Array.from({ length: 25 }, (_, seq) => seq)
      for (const key of keys) expect(seen.get(key), `order of ${key}`).toEqual(inOrder)
    })

    it('never hands a batch larger than maxBatchSize', async () => {
      const topic = createRandomName('topic')
      await harness.bus.publish(topic, makeRecords(['k'], 0, 25))
      const collector = collectMessages()
      await subscribe({
        groupId: createRandomName('group'),
        topic,
        handleBatch: collector.handleBatch,
        maxBatchSize: 10,
      })

      await waitFor(() => collector.values().length >= 25, { what: '25 records' })
      expect(collector.values()).toEqual(makeRecords(['k'], 0, 25).map((record) => record.value))
      for (const batch of collector.batches) expect(batch.length).toBeLessThanOrEqual(10)
    })

    it('redelivers a failed batch and commits nothing past it until it succeeds', async () => {
      const topic = createRandomName('topic')
      const groupId = createRandomName('group')
      const records = makeRecords(['D-07'], 0, 5)
      const attempts: BusMessage[][] = []
      const handled: BusMessage[] = []
      let failing = true
      await harness.bus.publish(topic, records)

      await subscribe({
        groupId,
        topic,
        handleBatch: async (messages) => {
          attempts.push(messages)
          if (failing) throw new Error('live store unavailable')
          handled.push(...messages)
        },
      })

      await waitFor(() => attempts.length >= 3, { what: 'three attempts at the failing batch' })
      const failed = await waitFor(() => findGroup(groupId, topic))
      expect(failed.state).toBe('retrying')
      expect(failed.lastError).toContain('live store unavailable')
      expect(failed.lag).toBe(records.length)
      const firstOffsets = attempts.map((messages) => messages[0]?.offset)
      expect(new Set(firstOffsets).size).toBe(1)
      expect(attempts[0]?.[0]?.value).toBe(records[0]?.value)
      expect(handled).toEqual([])

      failing = false
      await waitFor(() => handled.length >= records.length, { what: 'the batch to succeed' })
      const recovered = await waitFor(async () => {
        const group = await findGroup(groupId, topic)

        return group.lag === 0 && group
      })
      expect(handled.map((message) => message.value)).toEqual(records.map((r) => r.value))
      expect(recovered.state).toBe('running')
    })

    it('gives a restarted consumer the records its failed handler never finished', async () => {
      const topic = createRandomName('topic')
      const groupId = createRandomName('group')
      const records = makeRecords(['D-07'], 0, 3)
      let attempts = 0
      await harness.bus.publish(topic, records)

      const failing = await subscribe({
        groupId,
        topic,
        handleBatch: async () => {
          attempts += 1
          throw new Error('contact lookup failed')
        },
      })
      await waitFor(() => attempts >= 1, { what: 'the first failed attempt' })
      await failing.stop()

      const collector = collectMessages()
      await subscribe({ groupId, topic, handleBatch: collector.handleBatch })

      await waitFor(() => collector.values().length >= records.length, {
        what: 'the failed records again',
      })
      expect(collector.values()).toEqual(records.map((record) => record.value))
    })

    it('resumes a restarted group after its last commit: no replay, no gap', async () => {
      const topic = createRandomName('topic')
      const groupId = createRandomName('group')
      const before = makeRecords(['D-07'], 0, 10)
      const after = makeRecords(['D-07'], 10, 15)
      await harness.bus.publish(topic, before)

      const first = collectMessages()
      const consumer = await subscribe({ groupId, topic, handleBatch: first.handleBatch })
      await waitFor(() => first.values().length >= before.length, { what: 'the first 10' })
      await waitFor(async () => (await findGroup(groupId, topic)).lag === 0, {
        what: 'the first 10 to be committed',
      })
      await consumer.stop()

      await harness.bus.publish(topic, after)
      const second = collectMessages()
      await subscribe({ groupId, topic, handleBatch: second.handleBatch })

      await waitFor(() => second.values().length >= after.length, { what: 'the last 5' })
      await waitFor(async () => (await findGroup(groupId, topic)).lag === 0, {
        what: 'the last 5 to be committed',
      })
      expect(second.values()).toEqual(after.map((record) => record.value))
      expect(first.values()).toEqual(before.map((record) => record.value))
    })

    it('answers publish only once the record is in the log, ahead of any later one', async () => {
      const topic = createRandomName('topic')
      const peer = await openPeer()

      // If the first publish resolved before its record was appended, the record the peer
      // appends afterwards could land ahead of it.
      await harness.bus.publish(topic, [{ key: 'D-07', value: 'first' }])
      await peer.publish(topic, [{ key: 'D-07', value: 'second' }])

      const reader = await openPeer()
      const collector = collectMessages()
      await subscribe(
        { groupId: createRandomName('group'), topic, handleBatch: collector.handleBatch },
        reader,
      )
      await waitFor(() => collector.values().length >= 2, { what: 'both records' })
      expect(collector.values()).toEqual(['first', 'second'])
    })

    it('reports the lag of a group until its handler has finished', async () => {
      const topic = createRandomName('topic')
      const groupId = createRandomName('group')
      const records = makeRecords(['D-07'], 0, 7)
      let release = () => {}
      const gate = new Promise<void>((resolve) => (release = resolve))
      let calls = 0
      await harness.bus.publish(topic, records)

      await subscribe({
        groupId,
        topic,
        handleBatch: async () => {
          calls += 1
          await gate
        },
      })

      await waitFor(() => calls >= 1, { what: 'the handler to be called' })
      const busy = await findGroup(groupId, topic)
      expect(busy.lag).toBe(records.length)
      expect(busy.lastCommitAt).toBeNull()

      release()
      const done = await waitFor(async () => {
        const group = await findGroup(groupId, topic)

        return group.lag === 0 && group
      })
      expect(done.handled).toBe(records.length)
      expect(done.lastCommitAt).not.toBeNull()
      expect(done.state).toBe('running')
    })

    it('starts a new group at the end of the topic when asked to', async () => {
      const topic = createRandomName('topic')
      const collector = collectMessages()
      await harness.bus.publish(topic, makeRecords(['old'], 0, 5))

      await subscribe({
        groupId: createRandomName('group'),
        topic,
        startAt: 'latest',
        handleBatch: collector.handleBatch,
      })
      await waitForJoin(topic, collector)
      const fresh = makeRecords(['new'], 0, 3)
      await harness.bus.publish(topic, fresh)

      await waitFor(() => collector.values().length >= fresh.length + 1, {
        what: 'the new records',
      })
      expect(collector.values().filter((value) => value.includes('"old"'))).toEqual([])
    })

    it('gives an ephemeral group what comes after it joined, and no place once it stops', async () => {
      const topic = createRandomName('topic')
      const groupId = createRandomName('feed')
      const first = collectMessages()
      await harness.bus.publish(topic, makeRecords(['before'], 0, 4))

      const consumer = await subscribe({
        groupId,
        topic,
        startAt: 'latest',
        ephemeral: true,
        handleBatch: first.handleBatch,
      })
      await waitForJoin(topic, first)
      await harness.bus.publish(topic, makeRecords(['during'], 0, 3))
      await waitFor(
        () => first.values().filter((value) => value.includes('"during"')).length === 3,
        {
          what: 'the records while it ran',
        },
      )
      expect(first.values().filter((value) => value.includes('"before"'))).toEqual([])
      expect((await findGroup(groupId, topic)).lag).toBe(0)
      await consumer.stop()

      await harness.bus.publish(topic, makeRecords(['while-away'], 0, 2))
      const second = collectMessages()
      await subscribe({
        groupId,
        topic,
        startAt: 'latest',
        ephemeral: true,
        handleBatch: second.handleBatch,
      })
      await waitForJoin(topic, second)

      expect(second.values().filter((value) => value.includes('"while-away"'))).toEqual([])
    })
  })
}

function makeRecords(keys: string[], fromSeq: number, toSeq: number): BusRecord[] {
  const records: BusRecord[] = []
  for (let seq = fromSeq; seq < toSeq; seq++) {
    for (const key of keys) records.push({ key, value: JSON.stringify({ key, seq }) })
  }

  return records
}

function readSeq(message: BusMessage): number {
  return (JSON.parse(message.value) as { seq: number }).seq
}

function collectMessages(): Collector {
  const batches: BusMessage[][] = []

  return {
    handleBatch: async (messages) => {
      batches.push(messages)
    },
    batches,
    values: () => batches.flat().map((message) => message.value),
  }
}
