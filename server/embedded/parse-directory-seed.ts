import { z } from 'zod'

import type { Officer, Station } from '@/lib/directory'

/** The contents of a directory seed file: the stations and their officers. */
export type DirectorySeed = { stations: Station[]; officers: Officer[] }

const MAX_ISSUES_SHOWN = 10

const text = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .trim()
  .min(1, { error: 'must not be empty' })

function boundedNumber(min: number, max: number) {
  return z
    .number({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number'),
    })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
}

/** GeoJSON positions are [longitude, latitude], optionally with an altitude. */
const position = z
  .array(z.number({ error: 'must be a number' }))
  .min(2, { error: 'a position is [longitude, latitude]' })
  .max(3, { error: 'a position is [longitude, latitude] or [longitude, latitude, altitude]' })
  .refine(([lon = NaN, lat = NaN]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90, {
    error: 'a position is [longitude, latitude] within ±180° and ±90°',
  })

const ring = z
  .array(position)
  .min(4, { error: 'a ring needs at least 4 positions' })
  .refine((points) => points[0]?.join() === points[points.length - 1]?.join(), {
    error: 'a ring must end where it starts',
  })

const polygonRings = z.array(ring).min(1, { error: 'a polygon needs an outer ring' })

const jurisdiction = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygonRings }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(polygonRings).min(1, { error: 'needs at least one polygon' }),
    }),
  ],
  { error: 'must be a GeoJSON Polygon or MultiPolygon' },
)

const clock = z
  .string({ error: 'must be a time as "HH:MM"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time as "HH:MM" (00:00 to 23:59)' })

const StationSchema = z.object({
  stationId: text,
  name: text,
  address: text,
  phone: text,
  radio: text,
  position: z.object({ lat: boundedNumber(-90, 90), lon: boundedNumber(-180, 180) }),
  jurisdiction,
})

const OfficerSchema = z.object({
  officerId: text,
  name: text,
  rank: text,
  role: z.enum(['officer', 'supervisor'], { error: 'must be "officer" or "supervisor"' }),
  stationId: text,
  phone: text,
  radio: text,
  shifts: z.array(
    z.object({
      days: z
        .array(z.int({ error: 'must be a whole number' }).min(0).max(6), {
          error: 'must be a list of days, 0 = Sunday to 6 = Saturday',
        })
        .min(1, { error: 'must name at least one day' }),
      start: clock,
      end: clock,
    }),
  ),
})

const SeedSchema = z
  .object({
    stations: z.array(StationSchema, { error: 'must be a list of stations' }),
    officers: z.array(OfficerSchema, { error: 'must be a list of officers' }),
  })
  .superRefine((seed, context) => {
    findDuplicates(seed.stations.map((station) => station.stationId)).forEach((index) =>
      context.addIssue({
        code: 'custom',
        path: ['stations', index, 'stationId'],
        message: 'is used by an earlier station',
      }),
    )
    findDuplicates(seed.officers.map((officer) => officer.officerId)).forEach((index) =>
      context.addIssue({
        code: 'custom',
        path: ['officers', index, 'officerId'],
        message: 'is used by an earlier officer',
      }),
    )
    const stationIds = new Set(seed.stations.map((station) => station.stationId))
    seed.officers.forEach((officer, index) => {
      if (stationIds.has(officer.stationId)) return
      context.addIssue({
        code: 'custom',
        path: ['officers', index, 'stationId'],
        message: `names the station "${officer.stationId}", which is not in the seed`,
      })
    })
  })

/**
 * Validates a directory seed. A problem fails with a message naming where the seed came from,
 * the entry (its index and id) and the field, so the seed can be fixed without a debugger.
 */
export function parseDirectorySeed(raw: unknown, origin: string): DirectorySeed {
  const parsed = SeedSchema.safeParse(raw)
  if (parsed.success) return parsed.data

  const problems = parsed.error.issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `${describeIssuePlace(raw, issue.path)}: ${issue.message}`)
  const more = parsed.error.issues.length - problems.length
  if (more > 0) problems.push(`and ${more} more`)

  throw new Error(`${origin}: invalid directory seed: ${problems.join('; ')}`)
}

/** `officers[3] (officerId "O-12") field role`, from an issue's path into the raw seed. */
function describeIssuePlace(raw: unknown, path: PropertyKey[]): string {
  const [list, index, ...field] = path
  if (list === undefined) return 'the seed'
  if (typeof index !== 'number') return `field ${String(list)}`

  const entry = readEntry(raw, String(list), index)
  const idField = list === 'stations' ? 'stationId' : 'officerId'
  const id = entry?.[idField]
  const label = typeof id === 'string' ? ` (${idField} "${id}")` : ''
  const place = field.length > 0 ? ` field ${field.map(String).join('.')}` : ''

  return `${String(list)}[${index}]${label}${place}`
}

function readEntry(raw: unknown, list: string, index: number): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null) return null

  const entries = (raw as Record<string, unknown>)[list]
  const entry = Array.isArray(entries) ? entries[index] : null

  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : null
}

/** Indexes of the values already seen earlier in the list. */
function findDuplicates(values: string[]): number[] {
  const seen = new Set<string>()

  return values.flatMap((value, index) => {
    if (seen.has(value)) return [index]
    seen.add(value)

    return []
  })
}
