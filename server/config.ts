import path from 'node:path'

import { z } from 'zod'

import { BANDS, DEFAULT_BAND_TABLE, findBandTableProblems, type BandTable } from '@/lib/bands'
import { DEFAULT_DENSITY_RULE, type DensityRuleSettings } from '@/lib/alert-rules'
import { DEFAULT_CELL_RESOLUTION } from '@/lib/grid'

import { readStackConfig, StackEnvironment, type StackConfig } from './stack-config'

/** Everything the server can be told from its environment, checked once at start-up. */
export type Config = {
  port: number
  host: string
  dev: boolean
  dataDir: string
  logLevel: string
  simulator: { enabled: boolean; drones: number; intervalMs: number }
  venueFile: string
  directorySeedFile: string
  cellResolution: number
  bandTable: BandTable
  densityRule: DensityRuleSettings
  maxFutureSkewMs: number
  historyRetentionMs: number
  pushIntervalMs: number
  staleAfterMs: number
  mapStyleUrl: string | null
  maxBodyBytes: number
  maxReportBytes: number
  archiveIntervalMs: number
  stack: StackConfig
}

/** A configuration value that breaks a rule; the message names the variable and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Crowdwatch cannot start, the configuration is wrong:\n- ${problems.join('\n- ')}`)
    this.name = 'ConfigError'
  }
}

const SEED_DIR = path.join(process.cwd(), 'server', 'seed')

/** A number setting with its range; `whole` ones refuse fractions. The message gives the default. */
function numberSetting(name: string, fallback: number, min: number, max: number, whole: boolean) {
  const kind = whole ? 'a whole number' : 'a number'

  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback
      const parsed = Number(value)
      const fits = whole ? Number.isInteger(parsed) : Number.isFinite(parsed)
      if (fits && parsed >= min && parsed <= max) return parsed
      context.addIssue({
        code: 'custom',
        message: `${name}=${value} must be ${kind} from ${min} to ${max} (default ${fallback})`,
      })

      return z.NEVER
    })
}

function integer(name: string, fallback: number, min: number, max: number) {
  return numberSetting(name, fallback, min, max, true)
}

function decimal(name: string, fallback: number, min: number, max: number) {
  return numberSetting(name, fallback, min, max, false)
}

function toggle(name: string, fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback
      if (['on', 'true', '1', 'yes'].includes(value.toLowerCase())) return true
      if (['off', 'false', '0', 'no'].includes(value.toLowerCase())) return false
      context.addIssue({ code: 'custom', message: `${name}=${value} must be on or off` })

      return z.NEVER
    })
}

const BAND_TABLE_EXAMPLE =
  '{"standing":{"busy":2,"warning":3.5,"high":4.7,"critical":6},' +
  '"moving":{"busy":1.1,"warning":2.2,"high":3.5,"critical":5}}'

const bandTableJson = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return DEFAULT_BAND_TABLE

    let table: BandTable
    try {
      table = JSON.parse(value) as BandTable
    } catch {
      context.addIssue({
        code: 'custom',
        message: `BAND_TABLE is not JSON; the default is ${BAND_TABLE_EXAMPLE}`,
      })

      return z.NEVER
    }
    const problems = findBandTableProblems(table)
    if (problems.length === 0) return table
    context.addIssue({
      code: 'custom',
      message: `BAND_TABLE: ${problems.join('; ')} (the default is ${BAND_TABLE_EXAMPLE})`,
    })

    return z.NEVER
  })

const mapStyleUrl = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return null
    if (/^https?:\/\//.test(value) || value.startsWith('/')) return value
    context.addIssue({
      code: 'custom',
      message: `MAP_STYLE_URL=${value} must be an http(s) URL or a path under public/, e.g. /styles/dark.json`,
    })

    return z.NEVER
  })

const EnvironmentSchema = z.object({
  PORT: integer('PORT', 3000, 1, 65_535),
  HOST: z.string().optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  SIMULATOR: toggle('SIMULATOR', true),
  SIMULATOR_DRONES: integer('SIMULATOR_DRONES', 6, 1, 200),
  SIMULATOR_INTERVAL_MS: integer('SIMULATOR_INTERVAL_MS', 1000, 50, 60_000),
  VENUE_FILE: z.string().optional(),
  DIRECTORY_SEED: z.string().optional(),
  CELL_RESOLUTION: integer('CELL_RESOLUTION', DEFAULT_CELL_RESOLUTION, 7, 13),
  BAND_TABLE: bandTableJson,
  ALERT_FROM_BAND: z
    .enum(BANDS.filter((band) => band !== 'normal') as ['busy', 'warning', 'high', 'critical'], {
      error: 'ALERT_FROM_BAND must be one of busy, warning, high, critical (default warning)',
    })
    .optional(),
  ALERT_SUSTAIN_S: decimal('ALERT_SUSTAIN_S', DEFAULT_DENSITY_RULE.sustainMs / 1000, 0, 3600),
  ALERT_CLEAR_S: decimal('ALERT_CLEAR_S', DEFAULT_DENSITY_RULE.clearMs / 1000, 0, 3600),
  ALERT_CLEAR_MARGIN: decimal('ALERT_CLEAR_MARGIN', DEFAULT_DENSITY_RULE.clearMargin, 0, 0.9),
  // Drones keep GPS time: a clock further ahead is faulty, and a report from the future would
  // win over every true one in its cell until its time came (field failure B15).
  CLOCK_SKEW_S: decimal('CLOCK_SKEW_S', 10, 0, 86_400),
  HISTORY_RETENTION_H: decimal('HISTORY_RETENTION_H', 24, 0.01, 24 * 365),
  PUSH_INTERVAL_MS: integer('PUSH_INTERVAL_MS', 1000, 50, 60_000),
  STALE_AFTER_S: decimal('STALE_AFTER_S', 60, 1, 86_400),
  MAP_STYLE_URL: mapStyleUrl,
  MAX_BODY_MB: decimal('MAX_BODY_MB', 2, 0.01, 1024),
  MAX_REPORT_KB: decimal('MAX_REPORT_KB', 64, 1, 10_240),
  ARCHIVE_INTERVAL_MIN: decimal('ARCHIVE_INTERVAL_MIN', 60, 1, 24 * 60),
  ...StackEnvironment,
})

/** Reads and checks the configuration; throws a ConfigError that lists every wrong value. */
export function loadConfig(
  environment: Record<string, string | undefined>,
  options: { dev: boolean },
): Config {
  const parsed = EnvironmentSchema.safeParse(environment)
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message))

  const env = parsed.data

  return {
    port: env.PORT,
    host: env.HOST?.trim() || '127.0.0.1',
    dev: options.dev,
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    logLevel: env.LOG_LEVEL ?? 'info',
    simulator: {
      enabled: env.SIMULATOR,
      drones: env.SIMULATOR_DRONES,
      intervalMs: env.SIMULATOR_INTERVAL_MS,
    },
    venueFile: path.resolve(
      env.VENUE_FILE?.trim() || path.join(SEED_DIR, 'champ-de-mars.venue.json'),
    ),
    directorySeedFile: path.resolve(
      env.DIRECTORY_SEED?.trim() || path.join(SEED_DIR, 'directory.json'),
    ),
    cellResolution: env.CELL_RESOLUTION,
    bandTable: env.BAND_TABLE,
    densityRule: {
      ...DEFAULT_DENSITY_RULE,
      raiseFrom: env.ALERT_FROM_BAND ?? DEFAULT_DENSITY_RULE.raiseFrom,
      sustainMs: env.ALERT_SUSTAIN_S * 1000,
      clearMs: env.ALERT_CLEAR_S * 1000,
      clearMargin: env.ALERT_CLEAR_MARGIN,
    },
    maxFutureSkewMs: env.CLOCK_SKEW_S * 1000,
    historyRetentionMs: env.HISTORY_RETENTION_H * 3_600_000,
    pushIntervalMs: env.PUSH_INTERVAL_MS,
    staleAfterMs: env.STALE_AFTER_S * 1000,
    mapStyleUrl: env.MAP_STYLE_URL,
    maxBodyBytes: Math.round(env.MAX_BODY_MB * 1024 * 1024),
    maxReportBytes: Math.round(env.MAX_REPORT_KB * 1024),
    archiveIntervalMs: env.ARCHIVE_INTERVAL_MIN * 60_000,
    stack: readStackConfig(env),
  }
}
