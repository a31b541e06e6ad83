export type BodyRead =
  | { ok: true; text: string }
  | { ok: false; problem: 'too-large' | 'not-utf8'; bytes: number; preview: string }

const PREVIEW_BYTES = 1024

/**
 * Reads a request body up to a limit, as strict UTF-8. A larger body is not read further, and a
 * body that is not UTF-8 is not guessed at: the answer carries the problem, the size (at least
 * what was read) and the first bytes, so the refusal can still be kept.
 */
export async function readBodyWithin(request: Request, limitBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limitBytes) {
    return { ok: false, problem: 'too-large', bytes: declared, preview: '' }
  }
  if (!request.body) return { ok: true, text: '' }

  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    chunks.push(value)
    if (total > limitBytes) {
      await reader.cancel()

      return { ok: false, problem: 'too-large', bytes: total, preview: previewOf(chunks) }
    }
  }

  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)),
    }
  } catch {
    return { ok: false, problem: 'not-utf8', bytes: total, preview: previewOf(chunks) }
  }
}

function previewOf(chunks: Uint8Array[]): string {
  return Buffer.concat(chunks).subarray(0, PREVIEW_BYTES).toString('utf8')
}
