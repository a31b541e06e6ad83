import { createReadStream } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

/** One entry of a report file: the parsed value, or why it could not be read. */
export type FileEntry =
  { where: string; bytes: number; value: unknown } | { where: string; bytes: number; error: string }

/**
 * Parses one NDJSON line. Blank lines are allowed between reports and give nothing; anything
 * else that is not JSON gives a reason, so the line can be counted and shown, not dropped.
 */
export function parseNdjsonLine(text: string, lineNumber: number): FileEntry | null {
  const bytes = Buffer.byteLength(text) + 1
  const trimmed = text.trim()
  if (trimmed === '') return null

  try {
    return { where: `line ${lineNumber}`, bytes, value: JSON.parse(trimmed) as unknown }
  } catch (error) {
    return { where: `line ${lineNumber}`, bytes, error: `not JSON: ${(error as Error).message}` }
  }
}

/** Splits a parsed JSON document into report entries: each item of an array, or the one object. */
export function splitJsonDocument(document: unknown, totalBytes: number): FileEntry[] {
  const items = Array.isArray(document) ? document : [document]
  const share = items.length > 0 ? totalBytes / items.length : 0

  return items.map((value, index) => ({ where: `item ${index + 1}`, bytes: share, value }))
}

/**
 * Reads the reports of a file in order. NDJSON is streamed line by line, so a file of any size
 * replays in constant memory; a JSON array (a `.json` file, or one starting with `[`) is read whole.
 */
export async function* readReportFile(file: string): AsyncGenerator<FileEntry> {
  if (file.endsWith('.json') || (await readFirstCharacter(file)) === '[') {
    const text = await readFile(file, 'utf8')
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`)
    }
    yield* splitJsonDocument(document, Buffer.byteLength(text))

    return
  }

  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber += 1
    const entry = parseNdjsonLine(line, lineNumber)
    if (entry) yield entry
  }
}

async function readFirstCharacter(file: string): Promise<string> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0)

    return buffer.toString('utf8', 0, bytesRead).trimStart().charAt(0)
  } finally {
    await handle.close()
  }
}
