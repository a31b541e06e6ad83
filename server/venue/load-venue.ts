import { readFile } from 'node:fs/promises'

import type { Venue } from '@/lib/venue'

import { parseVenue } from './parse-venue'

/** Reads and validates a venue file; a bad file fails with its path and the wrong field. */
export async function loadVenue(file: string): Promise<Venue> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'

    throw new Error(`${file}: cannot read the venue file (${code})`)
  }

  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file}: the venue file is not valid JSON: ${(error as Error).message}`)
  }

  return parseVenue(raw, file)
}
