import type { ReportsAccepted } from '@/lib/api-types'

/** The server's verdict on a batch, or why no verdict came. */
export type PostOutcome =
  | ({ ok: true } & ReportsAccepted)
  /** unreachable: no answer at all · failed: the server kept erring · refused: the batch itself. */
  | { ok: false; kind: 'unreachable' | 'failed' | 'refused'; message: string }

export type PosterOptions = {
  /** Attempts after the first, with growing waits, when the server is away or overloaded. */
  retries?: number
  firstBackoffMs?: number
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  fetch?: typeof fetch
  /** Told before each retry, so a person watching knows why nothing moves. */
  onRetry?: (attempt: number, waitMs: number, reason: string) => void
}

const MAX_RETRY_AFTER_MS = 30_000

/** Whether an HTTP status is worth trying again: the server is busy or down, not the batch bad. */
function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** The URL of the report door of a server, from its base URL. */
export function describeReportsUrl(baseUrl: string): string {
  return new URL('/api/reports', baseUrl).toString()
}

/** Makes a function that POSTs a batch of reports as a JSON array, retrying with backoff. */
export function createReportPoster(baseUrl: string, options: PosterOptions = {}) {
  const url = describeReportsUrl(baseUrl)
  const retries = options.retries ?? 5
  const firstBackoffMs = options.firstBackoffMs ?? 500
  const timeoutMs = options.timeoutMs ?? 30_000
  const sleep = options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)))
  const send = options.fetch ?? fetch

  async function attempt(body: string): Promise<PostOutcome & { retryAfterMs?: number }> {
    let response: Response
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      return {
        ok: false,
        kind: 'unreachable',
        message: `cannot reach ${url}: ${describeCause(error)}`,
      }
    }

    const text = await response.text()
    if (response.ok) return readVerdict(text)

    const message = `${url} answered ${response.status}: ${readErrorMessage(text)}`
    if (!isRetryable(response.status)) return { ok: false, kind: 'refused', message }

    return { ok: false, kind: 'failed', message, retryAfterMs: readRetryAfter(response) }
  }

  return async function postReports(reports: unknown[]): Promise<PostOutcome> {
    const body = JSON.stringify(reports)
    let outcome = await attempt(body)
    for (let retry = 1; retry <= retries && !outcome.ok && outcome.kind !== 'refused'; retry++) {
      const backoffMs = firstBackoffMs * 2 ** (retry - 1)
      const waitMs = Math.min(Math.max(backoffMs, outcome.retryAfterMs ?? 0), MAX_RETRY_AFTER_MS)
      options.onRetry?.(retry, waitMs, outcome.message)
      await sleep(waitMs)
      outcome = await attempt(body)
    }

    if (outcome.ok) return outcome

    return { ok: false, kind: outcome.kind, message: outcome.message }
  }
}

/** Whether a server answers at all; any HTTP status counts, only silence does not. */
export async function checkServer(
  baseUrl: string,
  send: typeof fetch = fetch,
): Promise<string | null> {
  const url = new URL('/api/health', baseUrl).toString()
  try {
    await send(url, { signal: AbortSignal.timeout(5_000) })

    return null
  } catch (error) {
    return `cannot reach ${baseUrl}: ${describeCause(error)}`
  }
}

function readVerdict(text: string): PostOutcome {
  try {
    const body = JSON.parse(text) as Partial<ReportsAccepted>
    const rejected = Array.isArray(body.rejected) ? body.rejected : []
    if (typeof body.accepted === 'number') return { ok: true, accepted: body.accepted, rejected }
  } catch {
    // Fall through: an answer we cannot read is reported as such below.
  }

  return { ok: false, kind: 'failed', message: `unexpected answer: ${text.slice(0, 200)}` }
}

function readErrorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } }
    if (body.error?.message) return `${body.error.code ?? 'error'}: ${body.error.message}`
  } catch {
    // Not our JSON error body; show the start of whatever came.
  }

  return text.slice(0, 200) || '(no body)'
}

function readRetryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  const seconds = header === null ? NaN : Number(header)

  return Number.isFinite(seconds) ? seconds * 1_000 : undefined
}

/** fetch wraps the real reason (ECONNREFUSED, a DNS failure) in `cause`. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  if (cause?.code) return cause.code
  if ((error as Error).name === 'TimeoutError') return 'no answer in time'

  return cause?.message ?? (error as Error).message ?? String(error)
}
