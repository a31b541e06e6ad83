import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parseNdjsonLine, readReportFile, type FileEntry } from './read-report-file'

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'crowdwatch-replay-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

async function readAll(name: string, content: string): Promise<FileEntry[]> {
  const file = path.join(scratch, name)
  await writeFile(file, content)
  const entries: FileEntry[] = []
  for await (const entry of readReportFile(file)) entries.push(entry)

  return entries
}

describe('parseNdjsonLine', () => {
  it('parses a report, skips a blank line, and explains a broken one', () => {
    expect(parseNdjsonLine('{"droneId":"D-01"}', 3)).toEqual({
      where: 'line 3',
      bytes: 19,
      value: { droneId: 'D-01' },
    })
    expect(parseNdjsonLine('   ', 4)).toBeNull()
    expect(parseNdjsonLine('{"droneId":', 5)).toMatchObject({ where: 'line 5', error: /^not JSON/ })
  })
})

describe('readReportFile', () => {
  it('streams NDJSON in file order, with line numbers and the unreadable lines kept', async () => {
    const entries = await readAll('mixed.ndjson', '{"n":1}\n\n{"n":2}\r\nnope\n{"n":3}')
    expect(entries.map((entry) => entry.where)).toEqual(['line 1', 'line 3', 'line 4', 'line 5'])
    expect(entries.map((entry) => ('value' in entry ? entry.value : 'error'))).toEqual([
      { n: 1 },
      { n: 2 },
      'error',
      { n: 3 },
    ])
  })

  it('reads a JSON array item by item, whatever the file is called', async () => {
    const entries = await readAll('array.ndjson', '  [{"n":1},\n {"n":2}]')
    expect(entries.map((entry) => entry.where)).toEqual(['item 1', 'item 2'])
    expect(entries.map((entry) => ('value' in entry ? entry.value : null))).toEqual([
      { n: 1 },
      { n: 2 },
    ])
  })

  it('reads a .json file holding one report, even spread over lines', async () => {
    const entries = await readAll('one.json', '{\n  "n": 1\n}\n')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ where: 'item 1', value: { n: 1 } })
  })

  it('fails on a JSON file that is not JSON, naming the file', async () => {
    await expect(readAll('broken.json', '[{"n":1},')).rejects.toThrow(
      /broken\.json is not valid JSON/,
    )
  })
})
