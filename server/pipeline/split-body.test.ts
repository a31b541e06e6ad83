import { describe, expect, it } from 'vitest'

import { splitBody } from './split-body'

describe('splitBody', () => {
  it('reads one JSON object as one item', () => {
    expect(splitBody('{"droneId":"D-1"}', 'application/json')).toEqual([
      { index: 0, raw: '{"droneId":"D-1"}', value: { droneId: 'D-1' } },
    ])
  })

  it('reads a JSON array as one item per element, indexed in order', () => {
    const items = splitBody('[{"a":1}, 7, null]', 'application/json')

    expect(items.map((item) => ('value' in item ? item.value : item.parseError))).toEqual([
      { a: 1 },
      7,
      null,
    ])
    expect(items.map((item) => item.index)).toEqual([0, 1, 2])
  })

  it('reads NDJSON line by line, keeping a broken line as an item with its reason', () => {
    const items = splitBody('{"a":1}\n\n{"a":\n{"a":3}\n', 'application/x-ndjson')

    expect(items).toHaveLength(3)
    expect(items[1]).toMatchObject({ index: 1, raw: '{"a":' })
    expect('parseError' in items[1]! && items[1].parseError).toMatch(/^line 2 is not valid JSON/)
    expect(items[2]).toMatchObject({ index: 2, value: { a: 3 } })
  })

  it('recognises NDJSON sent without its content type', () => {
    const items = splitBody('{"a":1}\n{"a":2}', null)

    expect(items.map((item) => ('value' in item ? item.value : null))).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('turns a broken single-line body into one refused item', () => {
    const items = splitBody('{"droneId": ', 'application/json')

    expect(items).toHaveLength(1)
    expect('parseError' in items[0]! && items[0].parseError).toMatch(/^body is not valid JSON/)
  })

  it('finds no item in an empty or blank body', () => {
    expect(splitBody('  \n ', 'application/json')).toEqual([])
  })
})
