#!/usr/bin/env node
// Readiness probes for services.sh: one real protocol round trip per service, with no npm
// dependency, so `services.sh start` works before `npm ci` and proves more than an open port.
//
//   node scripts/services/probe.mjs kafka|cassandra|mongo|hdfs
//
// Prints one line about the server and exits 0, or prints the reason and exits 1.
// Ports come from the same environment variables as services.sh.
import http from 'node:http'
import net from 'node:net'

const HOST = '127.0.0.1'
const TIMEOUT_MS = 5_000

const port = (name, fallback) => Number(process.env[name] ?? fallback)

const probes = { kafka: probeKafka, cassandra: probeCassandra, mongo: probeMongo, hdfs: probeHdfs }

/**
 * Sends each request after the reply to the one before, on one connection, and resolves with
 * the replies; `frameLength` tells how long a reply is once enough of it has arrived.
 */
function converse(portNumber, requests, frameLength) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port: portNumber })
    const replies = []
    let received = Buffer.alloc(0)
    socket.setTimeout(TIMEOUT_MS, () =>
      socket.destroy(new Error(`no reply within ${TIMEOUT_MS} ms`)),
    )
    socket.on('connect', () => socket.write(requests[0]))
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk])
      const length = frameLength(received)
      if (length === undefined || received.length < length) return
      replies.push(received.subarray(0, length))
      received = received.subarray(length)
      if (replies.length === requests.length) {
        socket.end()
        resolve(replies)
      } else {
        socket.write(requests[replies.length])
      }
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('connection closed before a full reply')))
  })
}

// Kafka: ApiVersions v0, which every broker answers, also before SASL or any other request.
// The reply lists each API's version range, so the probe shows what KIP-896 left.
async function probeKafka() {
  const clientId = Buffer.from('crowdwatch-probe')
  const header = Buffer.alloc(12)
  header.writeInt32BE(header.length + 2 + clientId.length - 4, 0)
  header.writeInt16BE(18, 4) // ApiVersions
  header.writeInt16BE(0, 6)
  header.writeInt32BE(1, 8) // correlation id
  const request = Buffer.concat([header, Buffer.from([0, clientId.length]), clientId])
  const [reply] = await converse(port('KAFKA_PORT', 9092), [request], sizePrefixed)
  const errorCode = reply.readInt16BE(8)
  if (errorCode !== 0) throw new Error(`ApiVersions answered error code ${errorCode}`)

  const count = reply.readInt32BE(10)
  const ranges = new Map()
  for (let i = 0; i < count; i++) {
    const at = 14 + i * 6
    ranges.set(reply.readInt16BE(at), `${reply.readInt16BE(at + 2)}-${reply.readInt16BE(at + 4)}`)
  }
  const named = { Produce: 0, Fetch: 1, ListOffsets: 2, OffsetCommit: 8, CreateTopics: 19 }
  const shown = Object.entries(named).map(([name, key]) => `${name} ${ranges.get(key)}`)

  return `broker answers ${count} APIs (${shown.join(', ')})`
}

function sizePrefixed(buffer) {
  return buffer.length >= 4 ? 4 + buffer.readInt32BE(0) : undefined
}

// Cassandra: native protocol v4, STARTUP then a real query on system.local.
async function probeCassandra() {
  const cqlPort = port('CASSANDRA_PORT', 9042)
  const options = Buffer.concat([Buffer.from([0, 1]), cqlString('CQL_VERSION'), cqlString('3.0.0')])
  const query = Buffer.from('SELECT release_version FROM system.local')
  const queryBody = Buffer.alloc(4 + query.length + 3)
  queryBody.writeInt32BE(query.length, 0)
  query.copy(queryBody, 4)
  queryBody.writeInt16BE(0x0001, 4 + query.length) // consistency ONE; flags byte stays 0

  // The query must follow the READY reply on the same connection: the server reconfigures
  // the connection after STARTUP and does not read a query sent before that.
  const requests = [cqlFrame(0x01, options), cqlFrame(0x07, queryBody, 1)]
  const [ready, rows] = await converse(cqlPort, requests, cqlFrameLength)
  if (ready[4] !== 0x02) throw new Error(`STARTUP answered opcode ${ready[4]}: ${cqlError(ready)}`)
  if (rows[4] !== 0x08) throw new Error(`QUERY answered opcode ${rows[4]}: ${cqlError(rows)}`)

  return `release_version ${readSingleCqlText(rows.subarray(9))}`
}

function cqlFrame(opcode, body, stream = 0) {
  const header = Buffer.from([0x04, 0, 0, stream, opcode, 0, 0, 0, 0])
  header.writeInt32BE(body.length, 5)

  return Buffer.concat([header, body])
}

function cqlString(text) {
  const bytes = Buffer.from(text)
  const length = Buffer.alloc(2)
  length.writeUInt16BE(bytes.length)

  return Buffer.concat([length, bytes])
}

function cqlFrameLength(buffer) {
  return buffer.length >= 9 ? 9 + buffer.readInt32BE(5) : undefined
}

function cqlError(frame) {
  return frame[4] === 0x00
    ? frame.subarray(15, 15 + frame.readUInt16BE(13)).toString()
    : 'unexpected'
}

// A Rows result (kind 2) with one text column and one row; enough for system.local.
function readSingleCqlText(body) {
  let at = 4 // kind
  const flags = body.readInt32BE(at)
  const columns = body.readInt32BE(at + 4)
  at += 8
  if (flags & 0x0004) at += 4 + Math.max(body.readInt32BE(at), 0) // paging state
  const skipStrings = (count) => {
    for (let i = 0; i < count; i++) at += 2 + body.readUInt16BE(at)
  }
  const globalTable = flags & 0x0001
  skipStrings(globalTable ? 2 : 0) // keyspace and table, once for all columns
  for (let i = 0; i < columns; i++) {
    skipStrings(globalTable ? 1 : 3) // [keyspace and table,] column name
    at += 2 // type id: plain text, no parameters
  }
  if (body.readInt32BE(at) < 1) throw new Error('system.local returned no row')
  const length = body.readInt32BE(at + 4)

  return body.subarray(at + 8, at + 8 + length).toString()
}

// MongoDB wire protocol: OP_MSG buildInfo, which FerretDB answers with its own version too.
async function probeMongo() {
  const document = bson([
    [0x10, 'buildInfo', int32(1)],
    [0x02, '$db', bsonString('admin')],
  ])
  const header = Buffer.alloc(21)
  header.writeInt32LE(21 + document.length, 0)
  header.writeInt32LE(1, 4) // request id
  header.writeInt32LE(2013, 12) // OP_MSG; flag bits and section kind 0 stay zero
  const [reply] = await converse(
    port('MONGO_PORT', 27017),
    [Buffer.concat([header, document])],
    (buffer) => (buffer.length >= 4 ? buffer.readInt32LE(0) : undefined),
  )
  const fields = readBsonTop(reply.subarray(21))
  if (fields.ok !== 1) throw new Error(`buildInfo answered ok=${fields.ok}: ${fields.errmsg}`)

  const ferret = fields.ferretdbVersion ? `, FerretDB ${fields.ferretdbVersion}` : ''

  return `answers as MongoDB ${fields.version}${ferret}`
}

function int32(value) {
  const bytes = Buffer.alloc(4)
  bytes.writeInt32LE(value)

  return bytes
}

function bsonString(text) {
  const bytes = Buffer.from(`${text}\0`)

  return Buffer.concat([int32(bytes.length), bytes])
}

function bson(elements) {
  const body = Buffer.concat(
    elements.map(([type, name, value]) =>
      Buffer.concat([Buffer.from([type]), Buffer.from(`${name}\0`), value]),
    ),
  )

  return Buffer.concat([int32(body.length + 5), body, Buffer.from([0])])
}

// Reads the top-level numbers and strings of a BSON document and skips everything else.
function readBsonTop(document) {
  const fixedSizes = {
    0x01: 8,
    0x07: 12,
    0x08: 1,
    0x09: 8,
    0x0a: 0,
    0x10: 4,
    0x11: 8,
    0x12: 8,
    0x13: 16,
  }
  const fields = {}
  let at = 4
  while (document[at] !== 0x00) {
    const type = document[at]
    const nameEnd = document.indexOf(0, at + 1)
    const name = document.subarray(at + 1, nameEnd).toString()
    at = nameEnd + 1
    if (type === 0x01) fields[name] = document.readDoubleLE(at)
    if (type === 0x10) fields[name] = document.readInt32LE(at)
    if (type === 0x02)
      fields[name] = document.subarray(at + 4, at + 3 + document.readInt32LE(at)).toString()
    if (type in fixedSizes) at += fixedSizes[type]
    else if (type === 0x02 || type === 0x0d || type === 0x0e) at += 4 + document.readInt32LE(at)
    else if (type === 0x03 || type === 0x04) at += document.readInt32LE(at)
    else if (type === 0x05) at += 5 + document.readInt32LE(at)
    else throw new Error(`cannot skip BSON type ${type} in field ${name}`)
  }

  return fields
}

// HDFS: the NameNode has a live DataNode and left safe mode, and WebHDFS writes and reads a
// file through the DataNode it redirects to, which must be on loopback.
async function probeHdfs() {
  const nameNode = `http://${HOST}:${port('HDFS_NAMENODE_HTTP_PORT', 9870)}`
  const dataNode = `${HOST}:${port('HDFS_DATANODE_HTTP_PORT', 9864)}`
  const query = 'qry=Hadoop:service=NameNode,name=FSNamesystemState'
  const [state] = JSON.parse((await request('GET', `${nameNode}/jmx?${query}`)).body).beans ?? []
  if (!state) throw new Error('the NameNode has no FSNamesystemState bean yet')
  if (state.NumLiveDataNodes < 1) throw new Error('the NameNode sees no live DataNode yet')
  if (state.FSState !== 'Operational') throw new Error(`the NameNode is in ${state.FSState}`)

  const file = `${nameNode}/webhdfs/v1/tmp/crowdwatch-probe-${process.pid}?user.name=crowdwatch`
  const written = await followToDataNode(
    'PUT',
    `${file}&op=CREATE&overwrite=true`,
    dataNode,
    'probe',
  )
  if (written.status !== 201) throw new Error(`the DataNode answered ${written.status} to CREATE`)
  const read = await followToDataNode('GET', `${file}&op=OPEN`, dataNode)
  await request('DELETE', `${file}&op=DELETE`)
  if (read.body !== 'probe') throw new Error(`OPEN read back "${read.body.slice(0, 80)}"`)

  return `${state.NumLiveDataNodes} live DataNode, WebHDFS round trip through ${dataNode}`
}

// WebHDFS answers CREATE and OPEN with a 307 to a DataNode; this checks where it points.
async function followToDataNode(method, url, dataNode, body) {
  const first = await request(method, url)
  const location = first.headers.location
  if (first.status !== 307 || !location)
    throw new Error(`${method} answered ${first.status}, not 307`)
  const host = new URL(location).host
  if (host !== dataNode) throw new Error(`WebHDFS redirects to ${host}, not ${dataNode}`)

  return request(method, location, body)
}

// node:http on a fresh connection per request: fetch reused a DataNode connection the
// DataNode had already closed and failed with UND_ERR_SOCKET.
function request(method, url, body) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method, agent: false, timeout: TIMEOUT_MS },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`no HTTP reply within ${TIMEOUT_MS} ms`)),
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

async function main() {
  const name = process.argv[2]
  const probe = probes[name]
  if (!probe) {
    console.error(`usage: probe.mjs ${Object.keys(probes).join('|')}`)
    process.exit(2)
  }
  try {
    console.log(await probe())
  } catch (error) {
    const code = error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''
    console.log(`${error.message}${code}`)
    process.exit(1)
  }
}

await main()
