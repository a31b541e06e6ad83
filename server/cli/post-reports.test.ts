import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import { checkServer, createReportPoster } from './post-reports'

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void

let server: Server | null = null

/** A throwaway HTTP server on a free port, answering with the handlers in turn. */
async function startServer(handlers: Handler[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = []
  let call = 0
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      bodies.push(body)
      const handler = handlers[Math.min(call++, handlers.length - 1)] as Handler
      handler(request, body, response)
    })
  })
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo

  return { url: `http://127.0.0.1:${port}`, bodies }
}

afterEach(async () => {
  if (server) await new Promise((closed) => server!.close(closed))
  server = null
})

const accept: Handler = (_request, body, response) => {
  const count = (JSON.parse(body) as unknown[]).length
  response.writeHead(202, { 'content-type': 'application/json' })
  response.end(
    JSON.stringify({
      accepted: count - 1,
      rejected: [{ index: 0, reason: 'people: is required' }],
    }),
  )
}
const unavailable: Handler = (_request, _body, response) => {
  response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' })
  response.end(JSON.stringify({ error: { code: 'unavailable', message: 'bus is starting' } }))
}
const tooLarge: Handler = (_request, _body, response) => {
  response.writeHead(413, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ error: { code: 'payload_too_large', message: 'body over 10 MB' } }))
}

describe('createReportPoster', () => {
  it('POSTs the batch as a JSON array to /api/reports and returns the verdict', async () => {
    const { url, bodies } = await startServer([accept])
    const post = createReportPoster(url)
    const outcome = await post([{ droneId: 'D-01' }, { droneId: 'D-02' }])

    expect(JSON.parse(bodies[0] as string)).toEqual([{ droneId: 'D-01' }, { droneId: 'D-02' }])
    expect(outcome).toEqual({
      ok: true,
      accepted: 1,
      rejected: [{ index: 0, reason: 'people: is required' }],
    })
  })

  it('retries an unavailable server with growing waits, honouring Retry-After', async () => {
    const { url } = await startServer([unavailable, unavailable, accept])
    const waits: number[] = []
    const post = createReportPoster(url, {
      firstBackoffMs: 100,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    const outcome = await post([{ droneId: 'D-01' }])

    expect(outcome.ok).toBe(true)
    expect(waits).toEqual([2_000, 2_000])
  })

  it('does not retry a batch the server refuses, and says why', async () => {
    const { url, bodies } = await startServer([tooLarge])
    const outcome = await createReportPoster(url, { sleep: async () => {} })([{ droneId: 'D-01' }])

    expect(bodies).toHaveLength(1)
    expect(outcome).toEqual({
      ok: false,
      kind: 'refused',
      message: `${url}/api/reports answered 413: payload_too_large: body over 10 MB`,
    })
  })

  it('gives up on a server that never answers, calling it unreachable', async () => {
    const { url } = await startServer([accept])
    await new Promise((closed) => server!.close(closed))
    server = null
    const waits: number[] = []
    const post = createReportPoster(url, {
      retries: 3,
      firstBackoffMs: 100,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    const outcome = await post([{ droneId: 'D-01' }])

    expect(waits).toEqual([100, 200, 400])
    expect(outcome).toMatchObject({ ok: false, kind: 'unreachable', message: /ECONNREFUSED/ })
    expect(await checkServer(url)).toMatch(/cannot reach .*ECONNREFUSED/)
  })
})
