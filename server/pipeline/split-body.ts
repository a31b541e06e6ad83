/** One item of a request body: its parsed value, or why it could not be parsed. */
export type BodyItem =
  | { index: number; raw: string; value: unknown }
  | { index: number; raw: string; parseError: string }

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl']

/**
 * Splits a request body into report items: a JSON object (one report), a JSON array, or NDJSON
 * (one report per line). A broken NDJSON line becomes an item of its own with its reason, so the
 * good lines around it still count.
 */
export function splitBody(body: string, contentType: string | null): BodyItem[] {
  const text = body.trim()
  if (text === '') return []

  const declaredNdjson = NDJSON_TYPES.some((type) => contentType?.toLowerCase().includes(type))
  if (!declaredNdjson) {
    const whole = tryParse(text)
    if (whole.ok)
      return Array.isArray(whole.value) ? listArrayItems(whole.value) : [item(0, text, whole.value)]
    if (!text.includes('\n'))
      return [{ index: 0, raw: text, parseError: `body is not valid JSON: ${whole.error}` }]
  }

  return splitLines(text)
}

function splitLines(text: string): BodyItem[] {
  const items: BodyItem[] = []
  for (const line of text.split('\n')) {
    const raw = line.trim()
    if (raw === '') continue

    const index = items.length
    const parsed = tryParse(raw)
    items.push(
      parsed.ok
        ? item(index, raw, parsed.value)
        : { index, raw, parseError: `line ${index + 1} is not valid JSON: ${parsed.error}` },
    )
  }

  return items
}

function listArrayItems(values: unknown[]): BodyItem[] {
  return values.map((value, index) => {
    const raw = printItem(value)

    return raw === null
      ? { index, raw: '', parseError: 'item is nested too deeply to read' }
      : item(index, raw, value)
  })
}

/** The JSON text of an item, or null when it is nested too deeply to print. */
export function printItem(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return null
  }
}

function item(index: number, raw: string, value: unknown): BodyItem {
  return { index, raw, value }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
