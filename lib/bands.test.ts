import { describe, expect, it } from 'vitest'

import {
  bandLowerEdge,
  bandRank,
  BANDS,
  classifyDensity,
  DEFAULT_BAND_TABLE,
  findBandTableProblems,
  type Band,
  type BandTable,
  type ZoneKind,
} from './bands'

/** Each edge of the defaults, with the band below it and the band that starts there. */
const EDGES: Record<ZoneKind, [number, Band, Band][]> = {
  standing: [
    [2, 'normal', 'busy'],
    [3.5, 'busy', 'warning'],
    [4.7, 'warning', 'high'],
    [6, 'high', 'critical'],
  ],
  moving: [
    [1.1, 'normal', 'busy'],
    [2.2, 'busy', 'warning'],
    [3.5, 'warning', 'high'],
    [5, 'high', 'critical'],
  ],
}

const JUST = 0.001

describe('classifyDensity with the default table', () => {
  for (const kind of ['standing', 'moving'] as const) {
    describe(`${kind} zones`, () => {
      it.each(EDGES[kind])(
        'puts %s p/m² in %s just below, in %s at and just above',
        (edge, below, from) => {
          expect(classifyDensity(edge - JUST, kind, DEFAULT_BAND_TABLE)).toBe(below)
          expect(classifyDensity(edge, kind, DEFAULT_BAND_TABLE)).toBe(from)
          expect(classifyDensity(edge + JUST, kind, DEFAULT_BAND_TABLE)).toBe(from)
        },
      )
    })
  }

  it('classifies an edge reached by a real head count (47 people on 10 m²) as the band above', () => {
    expect(classifyDensity(47 / 10, 'standing', DEFAULT_BAND_TABLE)).toBe('high')
    expect(classifyDensity(22 / 10, 'moving', DEFAULT_BAND_TABLE)).toBe('warning')
  })

  it('calls an empty patch normal and anything far beyond the top edge critical', () => {
    expect(classifyDensity(0, 'standing', DEFAULT_BAND_TABLE)).toBe('normal')
    expect(classifyDensity(40, 'moving', DEFAULT_BAND_TABLE)).toBe('critical')
  })

  it('judges the same density more severely in a moving zone than in a standing one', () => {
    expect(classifyDensity(3.6, 'standing', DEFAULT_BAND_TABLE)).toBe('warning')
    expect(classifyDensity(3.6, 'moving', DEFAULT_BAND_TABLE)).toBe('high')
  })

  it('keeps the defaults the design documents', () => {
    expect(DEFAULT_BAND_TABLE).toEqual({
      standing: { busy: 2, warning: 3.5, high: 4.7, critical: 6 },
      moving: { busy: 1.1, warning: 2.2, high: 3.5, critical: 5 },
    })
  })
})

describe('classifyDensity with a custom table', () => {
  const strict: BandTable = {
    standing: { busy: 1, warning: 2, high: 3, critical: 4 },
    moving: { busy: 0.5, warning: 1, high: 1.5, critical: 2 },
  }

  it('uses the edges it is given, not the defaults', () => {
    expect(classifyDensity(2.5, 'standing', strict)).toBe('warning')
    expect(classifyDensity(2.5, 'standing', DEFAULT_BAND_TABLE)).toBe('busy')
    expect(classifyDensity(4, 'standing', strict)).toBe('critical')
    expect(classifyDensity(1.5, 'moving', strict)).toBe('high')
    expect(classifyDensity(0.49, 'moving', strict)).toBe('normal')
  })
})

describe('bandRank', () => {
  it('orders the bands from normal (0) to critical (4)', () => {
    expect(BANDS.map(bandRank)).toEqual([0, 1, 2, 3, 4])
    expect(bandRank('high')).toBeGreaterThan(bandRank('warning'))
  })
})

describe('bandLowerEdge', () => {
  it('starts normal at zero and every other band at its edge for the zone kind', () => {
    expect(bandLowerEdge('normal', 'standing', DEFAULT_BAND_TABLE)).toBe(0)
    expect(bandLowerEdge('warning', 'standing', DEFAULT_BAND_TABLE)).toBe(3.5)
    expect(bandLowerEdge('warning', 'moving', DEFAULT_BAND_TABLE)).toBe(2.2)
    expect(bandLowerEdge('critical', 'moving', DEFAULT_BAND_TABLE)).toBe(5)
  })

  it('gives an edge that classifies into the band itself', () => {
    for (const kind of ['standing', 'moving'] as const) {
      for (const band of BANDS) {
        expect(
          classifyDensity(bandLowerEdge(band, kind, DEFAULT_BAND_TABLE), kind, DEFAULT_BAND_TABLE),
        ).toBe(band)
      }
    }
  })
})

describe('findBandTableProblems', () => {
  const withStanding = (standing: Partial<BandTable['standing']>): BandTable => ({
    ...DEFAULT_BAND_TABLE,
    standing: { ...DEFAULT_BAND_TABLE.standing, ...standing },
  })

  it('finds nothing wrong with the defaults', () => {
    expect(findBandTableProblems(DEFAULT_BAND_TABLE)).toEqual([])
  })

  it('catches edges that do not rise, naming the zone kind', () => {
    const problems = findBandTableProblems(withStanding({ warning: 5 }))

    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/standing: .*rise/)
  })

  it('catches two equal edges, which would leave a band empty', () => {
    expect(findBandTableProblems(withStanding({ high: 3.5 }))).toEqual([
      expect.stringMatching(/standing: .*rise/),
    ])
  })

  it('catches a zero, negative or non-numeric edge', () => {
    for (const busy of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(findBandTableProblems(withStanding({ busy }))).toContainEqual(
        expect.stringMatching(/standing: .*positive/),
      )
    }
  })

  it('checks the moving table as well as the standing one', () => {
    const table: BandTable = {
      ...DEFAULT_BAND_TABLE,
      moving: { busy: 1, warning: 3, high: 2, critical: 4 },
    }

    expect(findBandTableProblems(table)).toEqual([expect.stringMatching(/^moving: .*rise/)])
  })
})
