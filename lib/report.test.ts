import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  deriveReportId,
  EARLIEST_REPORT_TS,
  parseReportTime,
  validateReport,
  type ReportCheckContext,
  type ReportVerdict,
} from './report'

const NOW = Date.UTC(2026, 6, 14, 22, 0, 0)
const SKEW_MS = 120_000
const CHAMP_DE_MARS = { lat: 48.8556, lon: 2.2986 }

const context: ReportCheckContext = { now: NOW, maxFutureSkewMs: SKEW_MS }
const venueContext: ReportCheckContext = {
  ...context,
  operatingArea: { center: CHAMP_DE_MARS, radiusKm: 5 },
}

/** A report that passes every check; each test spoils one thing. */
const VALID = {
  droneId: 'D-07',
  ts: '2026-07-14T21:32:05.120Z',
  lat: 48.8556,
  lon: 2.2986,
  areaM2: 1250,
  people: 3100,
}

function accepted(verdict: ReportVerdict) {
  if (!verdict.ok) throw new Error(`expected the report to be accepted, got: ${verdict.reason}`)

  return verdict.report
}

/** The message given for one field; fails the test if the report was accepted. */
function refusalOf(verdict: ReportVerdict, field: string): string {
  if (verdict.ok) throw new Error(`expected ${field} to be refused, the report was accepted`)
  const problem = verdict.problems.find((candidate) => candidate.field === field)
  if (!problem) throw new Error(`expected a problem with ${field}, got: ${verdict.reason}`)
  expect(verdict.reason).toContain(`${field}: ${problem.message}`)

  return problem.message
}

function withField(field: string, value: unknown): Record<string, unknown> {
  return { ...VALID, [field]: value }
}

function without(field: keyof typeof VALID): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...VALID }
  delete rest[field]

  return rest
}

describe('validateReport: a good report', () => {
  it('accepts the design example and gives its time in epoch milliseconds', () => {
    const raw = {
      reportId: '7d0c-42',
      ...VALID,
      battery: 64.5,
      speedMs: 6.2,
      tempC: 41.3,
      altitudeM: 60,
      headingDeg: 270,
    }

    expect(accepted(validateReport(raw, venueContext))).toEqual({
      ...raw,
      ts: Date.UTC(2026, 6, 14, 21, 32, 5, 120),
    })
  })

  it('derives the report id from the drone and the instant when the sender gave none', () => {
    const report = accepted(validateReport(VALID, context))

    expect(report.reportId).toBe('D-07@2026-07-14T21:32:05.120Z')
    expect(report.reportId).toBe(deriveReportId('D-07', report.ts))
  })

  it('keeps an id the sender gave', () => {
    expect(accepted(validateReport(withField('reportId', 'abc'), context)).reportId).toBe('abc')
  })

  it('accepts a unicode drone id and keeps it exactly', () => {
    expect(accepted(validateReport(withField('droneId', 'drône Ω-07'), context)).droneId).toBe(
      'drône Ω-07',
    )
  })

  it('accepts battery 100 as 100 and battery 0 as 0 (never read as a fraction or dropped)', () => {
    expect(accepted(validateReport(withField('battery', 100), context)).battery).toBe(100)
    expect(accepted(validateReport(withField('battery', 0), context)).battery).toBe(0)
  })

  it('accepts an empty patch (0 people)', () => {
    expect(accepted(validateReport(withField('people', 0), context)).people).toBe(0)
  })

  it('keeps unknown fields in extra and never in the known ones', () => {
    const raw = { ...VALID, colour: 'red', Battery: 5, nested: { a: 1 } }
    const report = accepted(validateReport(raw, context))

    expect(report.extra).toEqual({ colour: 'red', Battery: 5, nested: { a: 1 } })
    expect(report.battery).toBeUndefined()
    expect(Object.keys(report)).not.toContain('colour')
  })

  it('leaves extra out when every field is known', () => {
    expect(accepted(validateReport(VALID, context))).not.toHaveProperty('extra')
  })

  it('leaves absent optional fields absent rather than inventing values', () => {
    const report = accepted(validateReport(VALID, context))

    for (const field of ['battery', 'speedMs', 'tempC', 'altitudeM', 'headingDeg']) {
      expect(report).not.toHaveProperty(field)
    }
  })
})

describe('validateReport: required fields', () => {
  it.each(['droneId', 'ts', 'lat', 'lon', 'areaM2', 'people'] as const)(
    'refuses a report without %s, naming it as required',
    (field) => {
      expect(refusalOf(validateReport(without(field), context), field)).toBe('is required')
    },
  )
})

describe('validateReport: people', () => {
  it('refuses a negative count', () => {
    expect(refusalOf(validateReport(withField('people', -1), context), 'people')).toMatch(
      /0 or more.*-1/,
    )
  })

  it('refuses a fractional count', () => {
    expect(refusalOf(validateReport(withField('people', 12.5), context), 'people')).toMatch(
      /whole number.*12\.5/,
    )
  })

  it('refuses the string "35" rather than coercing it', () => {
    const verdict = validateReport(withField('people', '35'), context)

    expect(refusalOf(verdict, 'people')).toMatch(/got a string/)
  })
})

describe('validateReport: areaM2', () => {
  it.each([0, -10])('refuses an area of %s m²', (areaM2) => {
    expect(refusalOf(validateReport(withField('areaM2', areaM2), context), 'areaM2')).toMatch(
      /greater than 0/,
    )
  })
})

describe('validateReport: position', () => {
  it('refuses a latitude of 91', () => {
    expect(refusalOf(validateReport(withField('lat', 91), context), 'lat')).toMatch(
      /-90 and 90.*91/,
    )
  })

  it('refuses a longitude of -181', () => {
    expect(refusalOf(validateReport(withField('lon', -181), context), 'lon')).toMatch(
      /-180 and 180.*-181/,
    )
  })

  it('refuses swapped latitude and longitude when an operating area is given, and says so', () => {
    const swapped = { ...VALID, lat: VALID.lon, lon: VALID.lat }

    expect(refusalOf(validateReport(swapped, venueContext), 'lat/lon')).toMatch(/swapped/)
  })

  it('refuses a position far outside the operating area without calling it swapped', () => {
    const lyon = { ...VALID, lat: 45.764, lon: 4.8357 }
    const message = refusalOf(validateReport(lyon, venueContext), 'lat/lon')

    expect(message).toMatch(/outside the 5 km operating area/)
    expect(message).not.toMatch(/swapped/)
  })

  it('accepts a position inside the operating area', () => {
    const eiffelTower = { ...VALID, lat: 48.8584, lon: 2.2945 }

    expect(validateReport(eiffelTower, venueContext).ok).toBe(true)
  })
})

describe('validateReport: ts', () => {
  it('reads epoch ms, ISO with Z and ISO with +02:00 as the same instant (B04 a/b)', () => {
    const instant = Date.UTC(2026, 6, 14, 21, 32, 5, 120)
    const forms = [instant, '2026-07-14T21:32:05.120Z', '2026-07-14T23:32:05.120+02:00']
    const reports = forms.map((ts) => accepted(validateReport(withField('ts', ts), context)))

    expect(reports.map((report) => report.ts)).toEqual([instant, instant, instant])
    expect(new Set(reports.map((report) => report.reportId)).size).toBe(1)
  })

  it('refuses an ISO time without an offset, which would be read in an unknown zone', () => {
    const verdict = validateReport(withField('ts', '2026-07-14T21:32:05'), context)

    expect(refusalOf(verdict, 'ts')).toMatch(/offset/)
  })

  it.each([
    '2026-02-30T10:00:00Z',
    '2026-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-07-14T24:00:00Z',
  ])('refuses the nonsense calendar time %s', (ts) => {
    expect(refusalOf(validateReport(withField('ts', ts), context), 'ts')).toMatch(/calendar/)
  })

  it('accepts 29 February in a leap year', () => {
    const leapContext = { ...context, now: Date.UTC(2028, 2, 1) }

    expect(validateReport(withField('ts', '2028-02-29T10:00:00Z'), leapContext).ok).toBe(true)
  })

  it('refuses an offset no place uses (+99:00) instead of shifting the report by days', () => {
    const verdict = validateReport(withField('ts', '2026-07-14T21:32:05+99:00'), context)

    expect(refusalOf(verdict, 'ts')).toMatch(/offset/)
  })

  it('hints at seconds when ts looks like epoch seconds', () => {
    const seconds = Math.floor(Date.UTC(2026, 6, 14, 21, 32, 5) / 1000)

    expect(refusalOf(validateReport(withField('ts', seconds), context), 'ts')).toMatch(
      /seconds instead of milliseconds/,
    )
  })

  it('refuses a time in 1970 as a drone without a time fix (B15 R4)', () => {
    const message = refusalOf(
      validateReport(withField('ts', '1970-01-01T00:00:00Z'), context),
      'ts',
    )

    expect(message).toMatch(/no time fix/)
    expect(message).not.toMatch(/seconds/)
  })

  it('accepts a time exactly at the future-skew tolerance (B15)', () => {
    expect(accepted(validateReport(withField('ts', NOW + SKEW_MS), context)).ts).toBe(NOW + SKEW_MS)
  })

  it('refuses a time one millisecond beyond the tolerance, pointing at the drone clock (B15)', () => {
    const message = refusalOf(validateReport(withField('ts', NOW + SKEW_MS + 1), context), 'ts')

    expect(message).toMatch(/ahead of the server clock/)
  })

  it('refuses a report dated six years ahead (B15 R2)', () => {
    const sixYears = new Date(NOW)
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() + 6)

    expect(refusalOf(validateReport(withField('ts', sixYears.getTime()), context), 'ts')).toMatch(
      /ahead/,
    )
  })

  it('refuses fractional epoch milliseconds', () => {
    expect(refusalOf(validateReport(withField('ts', NOW - 0.5), context), 'ts')).toMatch(/whole/)
  })

  it('refuses an epoch beyond the range of dates with a reason instead of throwing', () => {
    expect(refusalOf(validateReport(withField('ts', -1e20), context), 'ts')).toMatch(/range/)
  })

  it('refuses a ts that is neither a string nor a number', () => {
    expect(refusalOf(validateReport(withField('ts', true), context), 'ts')).toMatch(/got a boolean/)
  })
})

describe('validateReport: ids', () => {
  it.each([
    ['a newline', 'D-\n07'],
    ['a NUL', 'D-\u000007'],
    ['a DEL', 'D-\u007f07'],
    ['a C1 next-line', 'D-\u008507'],
  ])('refuses a drone id with %s', (_what, droneId) => {
    expect(refusalOf(validateReport(withField('droneId', droneId), context), 'droneId')).toMatch(
      /control characters/,
    )
  })

  it('refuses a report id with control characters', () => {
    const verdict = validateReport(withField('reportId', 'r\t1'), context)

    expect(refusalOf(verdict, 'reportId')).toMatch(/control characters/)
  })

  it('refuses an empty drone id and one longer than 128 characters', () => {
    expect(refusalOf(validateReport(withField('droneId', ''), context), 'droneId')).toMatch(/empty/)
    expect(
      refusalOf(validateReport(withField('droneId', 'D'.repeat(129)), context), 'droneId'),
    ).toMatch(/128/)
  })

  it('refuses a numeric drone id rather than coercing it', () => {
    expect(refusalOf(validateReport(withField('droneId', 7), context), 'droneId')).toMatch(
      /must be a string, got a number/,
    )
  })
})

describe('validateReport: optional fields', () => {
  it.each([
    ['battery', 101],
    ['battery', -1],
    ['speedMs', -0.1],
    ['tempC', 151],
    ['altitudeM', -501],
    ['headingDeg', 361],
  ])('refuses %s = %s, naming the range', (field, value) => {
    expect(refusalOf(validateReport(withField(field, value), context), field)).toMatch(/between/)
  })
})

describe('validateReport: not a report at all', () => {
  it.each([
    ['an array', [VALID]],
    ['null', null],
    ['a string', JSON.stringify(VALID)],
    ['a number', 42],
  ])('refuses %s with a reason', (what, raw) => {
    const message = refusalOf(validateReport(raw, context), 'report')

    expect(message).toMatch(/JSON object/)
    expect(message).toContain(what)
  })
})

describe('validateReport: several problems', () => {
  it('names every bad field in one answer', () => {
    const raw = { ...without('droneId'), people: -3, lat: 91, battery: 120 }
    const verdict = validateReport(raw, context)

    expect(verdict.ok).toBe(false)
    for (const field of ['droneId', 'people', 'lat', 'battery']) refusalOf(verdict, field)
  })

  it('names a bad time together with a bad schema field', () => {
    const verdict = validateReport({ ...VALID, people: -1, ts: '2026-07-14T21:32:05' }, context)

    refusalOf(verdict, 'people')
    refusalOf(verdict, 'ts')
  })

  it('names a bad time together with a misplaced position', () => {
    const raw = { ...VALID, ts: NOW + 3_600_000, lat: VALID.lon, lon: VALID.lat }
    const verdict = validateReport(raw, venueContext)

    refusalOf(verdict, 'ts')
    expect(refusalOf(verdict, 'lat/lon')).toMatch(/swapped/)
  })

  it('does not add an operating-area complaint on top of an out-of-range latitude', () => {
    const verdict = validateReport(withField('lat', 91), venueContext)

    expect(verdict.ok ? [] : verdict.problems.map((problem) => problem.field)).toEqual(['lat'])
  })
})

describe('parseReportTime', () => {
  it('reads the ISO forms a drone may send', () => {
    expect(parseReportTime('2026-07-14T21:32Z')).toBe(Date.UTC(2026, 6, 14, 21, 32))
    expect(parseReportTime('2026-07-14T16:32:05-05:00')).toBe(Date.UTC(2026, 6, 14, 21, 32, 5))
    expect(parseReportTime('2026-07-14T23:32:05+0200')).toBe(Date.UTC(2026, 6, 14, 21, 32, 5))
    expect(parseReportTime('2026-07-14T21:32:05.1Z')).toBe(Date.UTC(2026, 6, 14, 21, 32, 5, 100))
  })

  it('keeps milliseconds and drops finer fractions', () => {
    expect(parseReportTime('2026-07-14T21:32:05.123987Z')).toBe(
      Date.UTC(2026, 6, 14, 21, 32, 5, 123),
    )
  })

  it('passes whole epoch milliseconds through', () => {
    expect(parseReportTime(NOW)).toBe(NOW)
  })

  it('gives a reason for text that is no time', () => {
    expect(parseReportTime('yesterday')).toMatch(/ISO 8601/)
    expect(parseReportTime('2026-07-14 21:32:05Z')).toMatch(/ISO 8601/)
  })

  it('refuses minutes beyond 59 in an offset', () => {
    expect(parseReportTime('2026-07-14T21:32:05+02:75')).toMatch(/offset/)
  })

  it('accepts the extreme real offsets, +14:00 and -12:00', () => {
    expect(parseReportTime('2026-07-15T11:32:05+14:00')).toBe(Date.UTC(2026, 6, 14, 21, 32, 5))
    expect(parseReportTime('2026-07-14T09:32:05-12:00')).toBe(Date.UTC(2026, 6, 14, 21, 32, 5))
  })
})

describe('deriveReportId', () => {
  it('gives one id per drone and instant', () => {
    expect(deriveReportId('D-07', NOW)).toBe(deriveReportId('D-07', NOW))
    expect(deriveReportId('D-07', NOW)).not.toBe(deriveReportId('D-07', NOW + 1))
    expect(deriveReportId('D-07', NOW)).not.toBe(deriveReportId('D-08', NOW))
  })
})

describe('validateReport: properties', () => {
  const droneId = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 32 })
    .filter(
      (id) =>
        id.length <= 128 && !/[\p{Cc}\p{Cf}]/u.test(id) && id.trim() !== '' && id.isWellFormed(),
    )
  const instant = fc.integer({ min: EARLIEST_REPORT_TS, max: NOW + SKEW_MS })
  /** Offsets of real zones, in quarter hours from -12:00 to +14:00. */
  const offsetMinutes = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15)
  const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true })

  function formatWithOffset(ms: number, offset: number): string {
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1)
    const sign = offset < 0 ? '-' : '+'
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
    const minutes = String(Math.abs(offset) % 60).padStart(2, '0')

    return `${local}${sign}${hours}:${minutes}`
  }

  const validReport = fc
    .record(
      {
        reportId: droneId,
        droneId,
        lat: finite(-90, 90),
        lon: finite(-180, 180),
        areaM2: finite(1, 1_000_000),
        people: fc.integer({ min: 0, max: 10_000_000 }),
        battery: finite(0, 100),
        speedMs: finite(0, 150),
        tempC: finite(-60, 150),
        altitudeM: finite(-500, 10_000),
        headingDeg: finite(0, 360),
      },
      { requiredKeys: ['droneId', 'lat', 'lon', 'areaM2', 'people'] },
    )
    .chain((fields) =>
      fc
        .tuple(instant, fc.oneof(fc.constant('ms'), fc.constant('Z'), offsetMinutes))
        .map(([ms, form]) => {
          if (form === 'ms') return { raw: { ...fields, ts: ms as number | string }, ms }
          if (form === 'Z') return { raw: { ...fields, ts: new Date(ms).toISOString() }, ms }

          return { raw: { ...fields, ts: formatWithOffset(ms, form) }, ms }
        }),
    )

  it('accepts any report built from valid ranges and round-trips its values', () => {
    fc.assert(
      fc.property(validReport, ({ raw, ms }) => {
        const report = accepted(validateReport(raw, context))
        expect(report).toEqual({
          reportId: raw.reportId ?? deriveReportId(raw.droneId, ms),
          ...raw,
          ts: ms,
        })
      }),
    )
  })

  const outside = (min: number, max: number) =>
    fc.oneof(
      // -0 is not below 0, so the filter rather than maxExcluded alone.
      fc.double({ max: min, noNaN: true }).filter((value) => value < min),
      fc.double({ min: max, noNaN: true }).filter((value) => value > max),
    )
  const mutations: [string, fc.Arbitrary<unknown>][] = [
    ['droneId', fc.constantFrom('', 'D\n7', 'D'.repeat(129), 7, null, ['D-07'])],
    ['reportId', fc.constantFrom('', 'r\u00001', 12)],
    ['people', fc.integer({ max: -1 })],
    ['people', finite(0, 1e6).filter((value) => !Number.isInteger(value))],
    ['people', fc.integer({ min: 0, max: 100 }).map(String)],
    ['areaM2', fc.double({ max: 0, noNaN: true })],
    ['lat', outside(-90, 90)],
    ['lon', outside(-180, 180)],
    ['battery', outside(0, 100)],
    ['speedMs', outside(0, 150)],
    ['tempC', outside(-60, 150)],
    ['altitudeM', outside(-500, 10_000)],
    ['headingDeg', outside(0, 360)],
    ['ts', fc.integer({ min: NOW + SKEW_MS + 1, max: 8.64e15 })],
    ['ts', fc.integer({ min: -8.64e15, max: EARLIEST_REPORT_TS - 1 })],
    ['ts', instant.map((ms) => new Date(ms).toISOString().slice(0, 19))],
    ['ts', fc.constantFrom('', 'now', '2026-02-30T10:00:00Z', null, {})],
  ]
  const mutation = fc.oneof(
    ...mutations.map(([field, values]) => values.map((value) => ({ field, value }))),
  )

  it('refuses a report with any one field out of range, naming that field', () => {
    fc.assert(
      fc.property(validReport, mutation, ({ raw }, { field, value }) => {
        refusalOf(validateReport({ ...raw, [field]: value }, context), field)
      }),
    )
  })
})

describe('validateReport: readings and ids a sender may get wrong', () => {
  const context = { now: Date.parse('2026-07-14T21:00:00Z'), maxFutureSkewMs: 120_000 }
  const base = {
    droneId: 'D-07',
    ts: '2026-07-14T21:00:00Z',
    lat: 48.8556,
    lon: 2.2986,
    areaM2: 1250,
    people: 100,
  }

  it('reads a null optional reading as not measured, never as zero', () => {
    const verdict = validateReport({ ...base, battery: null, tempC: null }, context)

    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    expect('battery' in verdict.report).toBe(false)
    expect('tempC' in verdict.report).toBe(false)
  })

  it('refuses a blank drone id', () => {
    const verdict = validateReport({ ...base, droneId: '   ' }, context)

    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/droneId.*blank/)
  })

  it('refuses a drone id with a bidi override that makes it print as another id', () => {
    const verdict = validateReport({ ...base, droneId: 'D-\u202e70' }, context)

    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/droneId.*invisible/)
  })
})

describe('validateReport: hostile reports', () => {
  const context = { now: Date.parse('2026-07-14T21:00:00Z'), maxFutureSkewMs: 10_000 }
  const base = {
    droneId: 'D-07',
    ts: '2026-07-14T21:00:00Z',
    lat: 48.8556,
    lon: 2.2986,
    areaM2: 1250,
    people: 100,
  }

  it('refuses a sliver of an area that would make the density explode', () => {
    const verdict = validateReport({ ...base, areaM2: 1e-320, people: 1 }, context)

    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/areaM2: must be at least 1 m²/)
  })

  it('refuses an unknown field nested too deeply, naming it', () => {
    let nested: unknown = 'bottom'
    for (let depth = 0; depth < 5000; depth++) nested = { inner: nested }

    const verdict = validateReport({ ...base, debug: nested }, context)

    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/debug: is nested deeper than 16 levels/)
  })

  it('keeps a modestly nested unknown field', () => {
    const verdict = validateReport({ ...base, debug: { a: { b: [1, { c: 2 }] } } }, context)

    expect(verdict.ok && verdict.report.extra).toEqual({ debug: { a: { b: [1, { c: 2 }] } } })
  })

  it('keeps a __proto__ key as plain data, polluting nothing', () => {
    const raw = JSON.parse(
      '{"droneId":"D-07","ts":"2026-07-14T21:00:00Z","lat":48.8556,"lon":2.2986,"areaM2":1250,"people":100,"__proto__":{"people":1}}',
    )

    const verdict = validateReport(raw, context)

    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    expect(verdict.report.people).toBe(100)
    expect(JSON.stringify(verdict.report.extra)).toBe('{"__proto__":{"people":1}}')
    expect(({} as { people?: number }).people).toBeUndefined()
  })

  it('refuses a drone id with a lone surrogate', () => {
    const verdict = validateReport({ ...base, droneId: 'T-\ud800' }, context)

    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/droneId: .*well-formed Unicode/)
  })
})
