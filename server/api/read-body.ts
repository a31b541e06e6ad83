export type BodyRead = { ok: true; text: string } | { ok: false; bytes: number; preview: string }

const PREVIEW_BYTES = 1024

/**
 * Reads a request body up to a limit. A larger body is not read further: the answer carries
 * its size (at least what was read) and its first bytes, so the refusal can still be kept.
 */
export async function readBodyWithin(request: Request, limitBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limitBytes) {
    return { ok: false, bytes: declared, preview: '' }
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
      const head = Buffer.concat(chunks).subarray(0, PREVIEW_BYTES).toString('utf8')

      return { ok: false, bytes: total, preview: head }
    }
  }

  return { ok: true, text: Buffer.concat(chunks).toString('utf8') }
}
