import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'

import type { Directory } from '../ports/directory'
import type { FeedServer } from './broadcaster'
import { attachSocketServer } from './socket-server'

const directory: Directory = {
  listStations: async () => [],
  listOfficers: async () => [],
  getOfficer: async () => null,
  describe: async () => ({ name: 'directory', state: 'up', detail: 'none' }),
  close: async () => undefined,
}

let httpServer: Server
let io: FeedServer
let otherSockets: WebSocketServer
let base: string

beforeEach(async () => {
  httpServer = createServer()
  // Stands in for Next's hot-reload socket, which shares the port in development and may take
  // longer than Socket.IO's 1 s upgrade grace to answer while the first page compiles.
  otherSockets = new WebSocketServer({ noServer: true })
  httpServer.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/_next/hmr')) return
    setTimeout(() => {
      otherSockets.handleUpgrade(request, socket, head, (ws) => ws.send('hot-reload ready'))
    }, 1300)
  })
  io = attachSocketServer(httpServer, { directory, logger: pino({ level: 'silent' }) })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()))
  base = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterEach(async () => {
  otherSockets.close()
  await io.close()
})

function firstMessage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.once('message', (data) => {
      resolve(String(data))
      socket.close()
    })
    socket.once('error', reject)
  })
}

describe('the Socket.IO server on the shared port', () => {
  it('leaves other upgrade paths alone, even when they answer after its 1 s grace', async () => {
    expect(await firstMessage(`${base}/_next/hmr`)).toBe('hot-reload ready')
  })

  it('answers its own path', async () => {
    const handshake = await firstMessage(`${base}/socket.io/?EIO=4&transport=websocket`)

    expect(handshake).toMatch(/^0\{"sid":/)
  })
})
