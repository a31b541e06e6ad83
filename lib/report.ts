import { z } from 'zod'

import { distanceKm, type GeoPoint } from './geo'

/** A drone report that passed validation, with its time as epoch milliseconds. */
export type DroneReport = {
  reportId: string
  droneId: string
  ts: number
  lat: number
  lon: number
  areaM2: number
  people: number
  battery?: number
  speedMs?: number
  tempC?: number
  altitudeM?: number
  headingDeg?: number
  /** Fields the v1 schema does not know: kept for history, never trusted. */
  extra?: Record<string, unknown>
}

export type FieldProblem = { field: string; message: string }

export type ReportVerdict =
  { ok: true; report: DroneReport } | { ok: false; reason: string; problems: FieldProblem[] }

export type ReportCheckContext = {
  /** Server time, epoch ms. */
  now: number
  /** How far ahead of the server clock a report may be before it is refused. */
  maxFutureSkewMs: number
  /** Where drones may fly; a report farther away is refused (a swapped lat/lon, say). */
  operatingArea?: { center: GeoPoint; radiusKm: number }
}

/** Reports dated before this are from a drone without a time fix (GPS epoch, Unix epoch). */
export const EARLIEST_REPORT_TS = Date.UTC(2000, 0, 1)

const MAX_ID_LENGTH = 128
const MIN_AREA_M2 = 1
/** Unknown fields nested deeper than this are refused: they carry no report data, only risk. */
const MAX_EXTRA_DEPTH = 16
// The Unicode class Cc, so that the C1 controls (U+0080–U+009F, NEL among them) count too.
const CONTROL_CHARACTERS = /\p{Cc}/u
// Format characters (bidi overrides, zero-width joiners) make an id print as another one.
const INVISIBLE_CHARACTERS = /\p{Cf}/u
/** The range of a JavaScript date: beyond it there is no calendar time to speak of. */
const MAX_DATE_MS = 8.64e15
/** No UTC offset in use is farther than 14 hours from UTC (Kiribati, +14:00). */
const MAX_OFFSET_MINUTES = 14 * 60
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/

const KNOWN_FIELDS = new Set([
  'reportId',
  'droneId',
  'ts',
  'lat',
  'lon',
  'areaM2',
  'people',
  'battery',
  'speedMs',
  'tempC',
  'altitudeM',
  'headingDeg',
])

function describeType(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'an array'

  return `a ${typeof input}`
}

/** A number field with an inclusive range; the message names the range and what came instead. */
function boundedNumber(min: number, max: number, unit = '') {
  const range = `between ${min} and ${max}${unit}`

  return z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be a number ${range}, got ${describeType(issue.input)}`,
    })
    .min(min, { error: (issue) => `must be ${range}, got ${String(issue.input)}` })
    .max(max, { error: (issue) => `must be ${range}, got ${String(issue.input)}` })
}

function identifier(what: string) {
  return (
    z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required'
            : `must be a string, got ${describeType(issue.input)}`,
      })
      .min(1, { error: `must not be empty` })
      .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` })
      .refine((value) => !CONTROL_CHARACTERS.test(value), {
        error: `${what} must not contain control characters`,
      })
      .refine((value) => !INVISIBLE_CHARACTERS.test(value), {
        error: `${what} must not contain invisible formatting characters`,
      })
      .refine((value) => value.trim() !== '', { error: `${what} must not be blank` })
      // A lone surrogate is stored differently by each store and would split one drone in two.
      .refine((value) => value.isWellFormed(), { error: `${what} must be well-formed Unicode` })
  )
}

/** A reading a drone may lack: absent and null both mean "not measured", never zero. */
function optionalReading(min: number, max: number, unit: string) {
  return boundedNumber(min, max, unit).nullish()
}

const timestamp = z.union([z.string(), z.number()], {
  error: (issue) =>
    issue.input === undefined
      ? 'is required'
      : `must be an ISO 8601 time with an offset or epoch milliseconds, got ${describeType(issue.input)}`,
})

const ReportSchema = z.looseObject({
  reportId: identifier('reportId').nullish(),
  droneId: identifier('droneId'),
  ts: timestamp,
  lat: boundedNumber(-90, 90, '°'),
  lon: boundedNumber(-180, 180, '°'),
  areaM2: z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be a number of m², got ${describeType(issue.input)}`,
    })
    .gt(0, { error: (issue) => `must be greater than 0 m², got ${String(issue.input)}` })
    // A sliver of a square metre holds no crowd count, and dividing by it makes densities explode.
    .refine((area) => area <= 0 || area >= MIN_AREA_M2, {
      error: (issue) => `must be at least ${MIN_AREA_M2} m², got ${String(issue.input)}`,
    })
    .max(1_000_000, { error: 'must be at most 1,000,000 m² (one drone scan)' }),
  people: z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be a whole number, got ${describeType(issue.input)}`,
    })
    .int({ error: (issue) => `must be a whole number, got ${String(issue.input)}` })
    .min(0, { error: (issue) => `must be 0 or more, got ${String(issue.input)}` })
    .max(10_000_000, { error: 'must be at most 10,000,000' }),
  battery: optionalReading(0, 100, ' %'),
  speedMs: optionalReading(0, 150, ' m/s'),
  tempC: optionalReading(-60, 150, ' °C'),
  altitudeM: optionalReading(-500, 10_000, ' m'),
  headingDeg: optionalReading(0, 360, '°'),
})

/** Parses a report time, ISO 8601 with an offset or epoch ms, into epoch ms; a string on failure. */
export function parseReportTime(value: string | number): number | string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `must be whole epoch milliseconds, got ${value}`
    if (Math.abs(value) > MAX_DATE_MS) return `is outside the range of dates, got ${value}`

    return value
  }

  const match = ISO_WITH_OFFSET.exec(value)
  if (!match) {
    return `must be an ISO 8601 time with an offset (Z or ±hh:mm), got "${value.slice(0, 40)}"`
  }

  const [, year, month, day, hour, minute, second = '0', fraction = '', offset = 'Z'] = match
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as number[]
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate()
  const offsetMin = offsetMinutes(offset)
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth || h! > 23 || mi! > 59 || s! > 59) {
    return `is not a real calendar time: "${value.slice(0, 40)}"`
  }
  if (offsetMin === undefined) return `has no real UTC offset: "${value.slice(0, 40)}"`

  const millis = Number(fraction.padEnd(3, '0').slice(0, 3))
  const localMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, millis)

  return localMs - offsetMin * 60_000
}

/** Minutes east of UTC; undefined for an offset no place on Earth uses (+99:00, +02:75). */
function offsetMinutes(offset: string): number | undefined {
  if (offset === 'Z') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2, 4))
  if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return undefined

  return sign * (hours * 60 + minutes)
}

/** The id a report gets when its sender gave none: one per drone and instant. */
export function deriveReportId(droneId: string, ts: number): string {
  return `${droneId}@${new Date(ts).toISOString()}`
}

/** Validates one raw report against the v1 schema, giving a reason per bad field. */
export function validateReport(raw: unknown, context: ReportCheckContext): ReportVerdict {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse([{ field: 'report', message: `must be a JSON object, got ${describeType(raw)}` }])
  }

  // Every bad field is named in one answer, so that a sender fixes a report in one round trip:
  // the time and place checks run on whatever fields the schema let through.
  const parsed = ReportSchema.safeParse(raw)
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'report',
        message: issue.message,
      }))
  const named = new Set(problems.map((problem) => problem.field))
  const fields = raw as Record<string, unknown>

  const ts = named.has('ts') ? undefined : checkTimeField(fields.ts, context)
  if (typeof ts === 'string') problems.push({ field: 'ts', message: ts })

  const placeProblem =
    named.has('lat') || named.has('lon') ? undefined : checkPlaceFields(fields, context)
  if (placeProblem) problems.push({ field: 'lat/lon', message: placeProblem })

  const deepField = findDeepExtraField(fields)
  if (deepField) {
    problems.push({ field: deepField, message: `is nested deeper than ${MAX_EXTRA_DEPTH} levels` })
  }

  if (!parsed.success || typeof ts !== 'number' || problems.length > 0) return refuse(problems)

  return { ok: true, report: buildReport(parsed.data, fields, ts) }
}

/**
 * The first unknown field nested too deeply to keep, if any. Walked with an explicit stack, so
 * a hostile million-level document cannot overflow the call stack here or later when it is
 * written out.
 */
function findDeepExtraField(fields: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(fields)) {
    if (KNOWN_FIELDS.has(key) || typeof value !== 'object' || value === null) continue

    const stack: { value: object; depth: number }[] = [{ value, depth: 1 }]
    while (stack.length > 0) {
      const { value: node, depth } = stack.pop()!
      if (depth > MAX_EXTRA_DEPTH) return key
      for (const child of Object.values(node)) {
        if (typeof child === 'object' && child !== null)
          stack.push({ value: child, depth: depth + 1 })
      }
    }
  }

  return undefined
}

/** The report time in epoch ms, or the reason it is refused; undefined if it is no time at all. */
function checkTimeField(value: unknown, context: ReportCheckContext): number | string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined

  const ts = parseReportTime(value)
  if (typeof ts === 'string') return ts

  return checkReportTime(ts, context) ?? ts
}

function checkPlaceFields(fields: Record<string, unknown>, context: ReportCheckContext) {
  const { lat, lon } = fields
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined

  return checkOperatingArea(lat, lon, context)
}

function checkReportTime(ts: number, context: ReportCheckContext): string | undefined {
  if (ts < EARLIEST_REPORT_TS) {
    const hint = ts > 0 && ts < 10_000_000_000 ? ' (seconds instead of milliseconds?)' : ''

    return `is ${new Date(ts).toISOString()}, before 2000: the drone has no time fix${hint}`
  }

  const aheadMs = ts - context.now
  if (aheadMs > context.maxFutureSkewMs) {
    return (
      `is ${Math.round(aheadMs / 1000)} s ahead of the server clock ` +
      `(tolerance ${Math.round(context.maxFutureSkewMs / 1000)} s): check the drone's clock`
    )
  }

  return undefined
}

function checkOperatingArea(lat: number, lon: number, context: ReportCheckContext) {
  const area = context.operatingArea
  if (!area) return undefined

  const away = distanceKm({ lat, lon }, area.center)
  if (away <= area.radiusKm) return undefined

  const swapped = distanceKm({ lat: lon, lon: lat }, area.center) <= area.radiusKm
  const hint = swapped ? ': latitude and longitude look swapped' : ''

  return `position is ${Math.round(away)} km from the venue, outside the ${area.radiusKm} km operating area${hint}`
}

function buildReport(
  fields: z.infer<typeof ReportSchema>,
  raw: Record<string, unknown>,
  ts: number,
): DroneReport {
  const report: DroneReport = {
    reportId: fields.reportId ?? deriveReportId(fields.droneId, ts),
    droneId: fields.droneId,
    ts,
    lat: fields.lat,
    lon: fields.lon,
    areaM2: fields.areaM2,
    people: fields.people,
  }
  if (fields.battery != null) report.battery = fields.battery
  if (fields.speedMs != null) report.speedMs = fields.speedMs
  if (fields.tempC != null) report.tempC = fields.tempC
  if (fields.altitudeM != null) report.altitudeM = fields.altitudeM
  if (fields.headingDeg != null) report.headingDeg = fields.headingDeg

  // Taken from the raw object, whose own `__proto__` key (from JSON.parse) is kept as data.
  const extra = Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN_FIELDS.has(key)))
  if (Object.keys(extra).length > 0) report.extra = extra

  return report
}

function refuse(problems: FieldProblem[]): ReportVerdict {
  const reason = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')

  return { ok: false, reason, problems }
}
