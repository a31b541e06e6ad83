// Smoke tests of the real servers that scripts/services/services.sh starts, each through the
// client the app's real adapters will use. They belong to the integration run, which starts the
// servers first (npm run test:stack); a server that is not listening fails, never skips.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'

import cassandra from 'cassandra-driver'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { MongoClient } from 'mongodb'
import webhdfs from 'webhdfs'
import { describe, expect, it } from 'vitest'

const HOST = '127.0.0.1'
const KAFKA_PORT = Number(process.env.KAFKA_PORT ?? 9092)
const CASSANDRA_PORT = Number(process.env.CASSANDRA_PORT ?? 9042)
const MONGO_PORT = Number(process.env.MONGO_PORT ?? 27017)
const NAMENODE_HTTP_PORT = Number(process.env.HDFS_NAMENODE_HTTP_PORT ?? 9870)
const DATANODE_HTTP_PORT = Number(process.env.HDFS_DATANODE_HTTP_PORT ?? 9864)

function isListening(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: HOST, port })
    socket.setTimeout(1_000, () => socket.destroy())
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    // A server may reset the probe connection; 'close' follows either way.
    socket.on('error', () => {})
    socket.once('close', () => resolve(false))
  })
}

function describeService(name: string, port: number, tests: () => void) {
  describe(name, () => {
    it('is listening', async () => {
      expect(
        await isListening(port),
        `nothing listens on ${HOST}:${port}; run npm run services:start`,
      ).toBe(true)
    })
    tests()
  })
}

function uniqueName(prefix: string) {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`
}

describeService('Kafka (kafkajs 2.2.4 against Kafka 4.1)', KAFKA_PORT, () => {
  it('creates a topic, produces and consumes with a group, and commits the offsets', async () => {
    const kafka = new Kafka({
      clientId: 'crowdwatch-smoke',
      brokers: [`${HOST}:${KAFKA_PORT}`],
      logLevel: logLevel.WARN,
    })
    const topic = uniqueName('smoke')
    const groupId = uniqueName('smoke-group')
    const admin = kafka.admin()
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    const consumer = kafka.consumer({ groupId })
    await admin.connect()
    try {
      expect(
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }),
      ).toBe(true)

      await producer.connect()
      await producer.send({
        topic,
        messages: ['a', 'b', 'c'].map((value) => ({ key: 'cell-1', value })),
      })

      const received: string[] = []
      await consumer.connect()
      await consumer.subscribe({ topic, fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              received.push(message.value?.toString() ?? '')
              if (received.length === 3) resolve()
            },
          })
          .catch(reject)
      })
      await consumer.disconnect() // commits the consumed offsets
      expect(received).toEqual(['a', 'b', 'c'])

      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
      expect(committed?.partitions).toEqual([
        expect.objectContaining({ partition: 0, offset: '3' }),
      ])
      await admin.deleteTopics({ topics: [topic] })
    } finally {
      await producer.disconnect()
      await consumer.disconnect()
      await admin.disconnect()
    }
  }, 60_000)
})

describeService('Cassandra (cassandra-driver against Cassandra 5.0)', CASSANDRA_PORT, () => {
  it('answers system.local and round-trips a row in a fresh keyspace', async () => {
    const client = new cassandra.Client({
      contactPoints: [`${HOST}:${CASSANDRA_PORT}`],
      localDataCenter: 'datacenter1',
    })
    const keyspace = uniqueName('smoke')
    try {
      const local = await client.execute('SELECT release_version FROM system.local')
      expect(local.first().get('release_version')).toMatch(/^5\.0\./)

      await client.execute(
        `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
      )
      await client.execute(`CREATE TABLE ${keyspace}.density (cell text PRIMARY KEY, people int)`)
      await client.execute(
        `INSERT INTO ${keyspace}.density (cell, people) VALUES (?, ?)`,
        ['8a1fb46622dffff', 42],
        {
          prepare: true,
        },
      )
      const row = await client.execute(
        `SELECT people FROM ${keyspace}.density WHERE cell = ?`,
        ['8a1fb46622dffff'],
        {
          prepare: true,
        },
      )
      expect(row.first().get('people')).toBe(42)
      await client.execute(`DROP KEYSPACE ${keyspace}`)
    } finally {
      await client.shutdown()
    }
  }, 60_000)
})

describeService('MongoDB protocol (mongodb driver against FerretDB 1.24)', MONGO_PORT, () => {
  it('inserts and finds documents in a fresh collection', async () => {
    const client = new MongoClient(`mongodb://${HOST}:${MONGO_PORT}/`, {
      serverSelectionTimeoutMS: 5_000,
    })
    try {
      await client.connect()
      const stations = client.db('crowdwatch_smoke').collection(uniqueName('stations'))
      await stations.insertMany([
        { stationId: 'north-gate', officers: 3 },
        { stationId: 'south-gate', officers: 5 },
      ])

      const found = await stations
        .find({ officers: { $gt: 4 } }, { projection: { _id: 0 } })
        .toArray()
      expect(found).toEqual([{ stationId: 'south-gate', officers: 5 }])
      await stations.drop()
    } finally {
      // Sends endSessions, which FerretDB 1.24 does not know; close must still succeed.
      await client.close()
    }
  }, 30_000)
})

describeService('HDFS (webhdfs 1.2.0 against Hadoop 3.5)', NAMENODE_HTTP_PORT, () => {
  const hdfs = webhdfs.createClient({
    host: HOST,
    port: NAMENODE_HTTP_PORT,
    path: '/webhdfs/v1',
    user: 'crowdwatch',
  })
  const call = (run: (done: (error: Error | null) => void) => void) =>
    new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())))

  it('redirects writes to the DataNode on 127.0.0.1', async () => {
    const path = `/tmp/${uniqueName('redirect')}`
    const url = `http://${HOST}:${NAMENODE_HTTP_PORT}/webhdfs/v1${path}?op=CREATE&user.name=crowdwatch`
    const location = await new Promise<string | undefined>((resolve, reject) => {
      http
        .request(url, { method: 'PUT', agent: false }, (response) => {
          response.resume()
          resolve(response.statusCode === 307 ? response.headers.location : undefined)
        })
        .on('error', reject)
        .end()
    })

    expect(location && new URL(location).host).toBe(`${HOST}:${DATANODE_HTTP_PORT}`)
  })

  it('creates a file, appends to it and reads it back', async () => {
    const path = `/crowdwatch-smoke/${uniqueName('archive')}.ndjson`
    await call((done) => hdfs.writeFile(path, '{"cell":"a"}\n', done))
    await call((done) => hdfs.appendFile(path, '{"cell":"b"}\n', done))

    const text = await new Promise<string>((resolve, reject) =>
      hdfs.readFile(path, (error, data) => (error ? reject(error) : resolve(data.toString()))),
    )
    expect(text).toBe('{"cell":"a"}\n{"cell":"b"}\n')
    await call((done) => hdfs.unlink(path, false, done))
  }, 30_000)
})
