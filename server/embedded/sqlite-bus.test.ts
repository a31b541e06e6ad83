import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { describeBusContract } from '@/server/contracts/bus.contract'
import { waitFor } from '@/server/contracts/wait-for'
import type { BusMessage, BusRecord } from '@/server/ports/bus'

import { createSqliteBus, type SqliteBus, type SqliteBusOptions } from './sqlite-bus'
import { createTempFolder } from './create-temp-folder'

describeBusContract('embedded SQLite', async () => {
  const folder = await createTempFolder('bus')
  const file = join(folder.path, 'bus.sqlite')
  const bus = createSqliteBus({ file })

  return {
    bus,
    openPeer: async () => createSqliteBus({ file }),
    cleanup: async () => {
      await bus.close()
      await folder.remove()
    },
  }
})

describe('embedded SQLite bus', () => {
  let folder: Awaited<ReturnType<typeof createTempFolder>>
  let file: string
  const opened: SqliteBus[] = []

  beforeEach(async () => {
    folder = await createTempFolder('bus')
    file = join(folder.path, 'bus.sqlite')
  })

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()))
    await folder.remove()
  })

  function openBus(options: Partial<SqliteBusOptions> = {}) {
    const bus = createSqliteBus({ file, ...options })
    opened.push(bus)

    return bus
  }

  function collect() {
    const values: string[] = []
    const offsets: string[] = []

    return {
      values,
      offsets,
      handleBatch: async (messages: BusMessage[]) => {
        values.push(...messages.map((message) => message.value))
        offsets.push(...messages.map((message) => message.offset))
      },
    }
  }

  async function readLag(bus: SqliteBus, groupId: string) {
    const groups = await bus.describeGroups()

    return groups.find((group) => group.groupId === groupId)?.lag
  }

  it('has committed the records to the file when publish resolves', async () => {
    const bus = openBus()
    await bus.publish('reports', makeRecords(0, 3))

    const reader = new Database(file, { readonly: true })
    const count = reader.prepare('SELECT COUNT(*) FROM records').pluck().get()
    reader.close()

    expect(count).toBe(3)
  })

  it('removes only records every group committed and older than the retention', async () => {
    let clock = 1_000_000
    const bus = openBus({ now: () => clock, retention: { maxAgeMs: 1_000 } })
    await bus.publish('reports', makeRecords(0, 10))
    const reader = collect()
    const consumer = await bus.subscribe({ groupId: 'g', topic: 'reports', ...reader })
    await waitFor(async () => (await readLag(bus, 'g')) === 0)
    await consumer.stop()

    clock += 500
    expect(bus.removeExpired()).toBe(0)
    clock += 1_000
    expect(bus.removeExpired()).toBe(10)

    await bus.publish('reports', makeRecords(10, 12))
    const late = collect()
    await bus.subscribe({ groupId: 'late', topic: 'reports', ...late })
    await waitFor(() => late.values.length === 2)
    expect(late.offsets).toEqual(['10', '11'])
  })

  it('keeps old records that a registered group has not committed yet', async () => {
    let clock = 1_000_000
    const bus = openBus({ now: () => clock, retention: { maxAgeMs: 1_000 } })
    await bus.publish('reports', makeRecords(0, 3))
    let attempts = 0
    const consumer = await bus.subscribe({
      groupId: 'stuck',
      topic: 'reports',
      handleBatch: async () => {
        attempts += 1
        throw new Error('down')
      },
    })
    await waitFor(() => attempts >= 1)
    await consumer.stop()

    clock += 10_000

    expect(bus.removeExpired()).toBe(0)
  })

  it('keeps records and commits across a restart of the process', async () => {
    const before = openBus()
    await before.publish('reports', makeRecords(0, 5))
    const first = collect()
    await before.subscribe({ groupId: 'g', topic: 'reports', ...first })
    await waitFor(async () => (await readLag(before, 'g')) === 0)
    await before.close()

    const after = openBus()
    await after.publish('reports', makeRecords(5, 7))
    const second = collect()
    await after.subscribe({ groupId: 'g', topic: 'reports', ...second })

    await waitFor(() => second.values.length === 2)
    expect(second.offsets).toEqual(['5', '6'])
  })

  it('lets a second member of a group stand by and take over when the first stops', async () => {
    const bus = openBus()
    const first = collect()
    const second = collect()
    const active = await bus.subscribe({ groupId: 'g', topic: 'reports', ...first })
    await bus.subscribe({ groupId: 'g', topic: 'reports', ...second })

    await bus.publish('reports', makeRecords(0, 4))
    await waitFor(() => first.values.length === 4)
    await active.stop()
    await bus.publish('reports', makeRecords(4, 6))
    await waitFor(() => second.values.length === 2)

    expect(first.offsets).toEqual(['0', '1', '2', '3'])
    expect(second.offsets).toEqual(['4', '5'])
  })

  it('refuses a malformed publish without failing the ones written with it', async () => {
    const bus = openBus()
    const bad = bus.publish('reports', [{ key: 'k', value: undefined as unknown as string }])
    const good = bus.publish('reports', makeRecords(0, 1))

    await expect(bad).rejects.toThrow('record 0 for reports: key and value must be strings')
    await expect(good).resolves.toBeUndefined()
    await expect(bus.publish('', makeRecords(0, 1))).rejects.toThrow('topic name')
  })

  it('moves 20,000 records through a group in batches', async () => {
    const bus = openBus({ synchronous: 'normal' })
    let count = 0
    await bus.subscribe({
      groupId: 'g',
      topic: 'reports',
      handleBatch: async (messages) => {
        count += messages.length
      },
    })

    const publishes = Array.from({ length: 40 }, (_, index) =>
      bus.publish('reports', makeRecords(index * 500, index * 500 + 500)),
    )
    await Promise.all(publishes)

    await waitFor(() => count === 20_000, { timeoutMs: 15_000 })
    await waitFor(async () => (await readLag(bus, 'g')) === 0)
  })

  it('is down while publishes fail on a full disk, and up once the next one lands', async () => {
    const since = Date.parse('2026-07-14T21:00:00Z')
    let clock = since
    // A cap on the file's pages makes SQLite answer SQLITE_FULL, as a full disk would.
    const bus = openBus({ maxBytes: 64 * 1024, now: () => clock })
    await bus.publish('reports', makeRecords(0, 3))
    const bulky = [{ key: 'D-1', value: 'x'.repeat(1_000_000) }]

    await expect(bus.publish('reports', bulky)).rejects.toThrow(/full/)
    clock += 5_000
    await expect(bus.publish('reports', bulky)).rejects.toThrow(/full/)

    const down = await bus.describe()
    expect(down.state).toBe('down')
    expect(down.detail).toContain(`publish writes failing since ${new Date(since).toISOString()}`)
    expect(down.detail).toContain('full')

    await bus.publish('reports', makeRecords(3, 4))
    expect(await bus.describe()).toEqual({
      name: 'bus',
      state: 'up',
      detail: `embedded SQLite at ${file}`,
    })
  })

  it('describes its file, and says when it is closed', async () => {
    const bus = openBus()

    expect(await bus.describe()).toEqual({
      name: 'bus',
      state: 'up',
      detail: `embedded SQLite at ${file}`,
    })
    await bus.close()
    expect((await bus.describe()).state).toBe('down')
    await expect(bus.publish('reports', makeRecords(0, 1))).rejects.toThrow('closed')
  })
})

function makeRecords(from: number, to: number): BusRecord[] {
  return Array.from({ length: to - from }, (_, index) => ({
    key: `D-${(from + index) % 7}`,
    value: `report-${from + index}`,
  }))
}
