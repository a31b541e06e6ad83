import path from 'node:path'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'

import { parseReportTime } from '@/lib/report'
import type { Venue } from '@/lib/venue'

import { createLogger } from '../logger'
import { DEFAULT_DRONES, DEFAULT_SEED } from '../simulator/fleet'
import { DEFAULT_INTERVAL_MS, createSimulator } from '../simulator/simulator'
import { loadVenue } from '../venue/load-venue'
import { formatDuration, parseDuration } from './parse-duration'
import { checkServer, createReportPoster, describeReportsUrl } from './post-reports'
import { writeScenarioFile } from './write-scenario-file'
import { readCommandLine } from './read-command-line'

const USAGE = `Flies the demo drones and sends their reports to a Crowdwatch server, or writes them to a file.

Usage: npm run simulate -- [options]

  --url URL         server to post to (default http://localhost:3000)
  --drones N        number of drones (default ${DEFAULT_DRONES})
  --interval MS     time between two reports of a drone (default ${DEFAULT_INTERVAL_MS})
  --seed N          seed of the scenario's randomness (default ${DEFAULT_SEED})
  --venue FILE      venue JSON (default server/seed/champ-de-mars.venue.json)
  --out FILE        write NDJSON to FILE as fast as possible instead of posting
  --duration D      with --out: scenario time to write, e.g. 90s, 10m, 2h (default 10m)
  --start TIME      with --out: ISO time of the first report, e.g. 2026-07-14T21:00:00+02:00
                    (default: the scenario ends now, so a server takes every report)
  --force           post even to a server that runs its own simulator (same drone ids)
  -h, --help        show this help
`

const STATUS_EVERY_MS = 10_000
const REJECTS_SHOWN = 5
const FUTURE_NOTE_AFTER_MS = 60_000

type Settings = {
  url: string
  drones: number
  intervalMs: number
  seed: number
  venueFile: string
  out: string | null
  durationMs: number
  startMs: number | null
  force: boolean
}

function readSettings(argv: string[]): Settings | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      drones: { type: 'string', default: String(DEFAULT_DRONES) },
      interval: { type: 'string', default: String(DEFAULT_INTERVAL_MS) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      venue: { type: 'string', default: path.join('server', 'seed', 'champ-de-mars.venue.json') },
      out: { type: 'string' },
      duration: { type: 'string' },
      start: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'

  if ((values.start !== undefined || values.duration !== undefined) && !values.out) {
    throw new Error('--start and --duration only apply with --out FILE')
  }
  const startMs =
    values.start === undefined || values.start === 'now' ? null : parseReportTime(values.start)
  if (typeof startMs === 'string') throw new Error(`--start ${startMs}`)

  return {
    url: readUrl(values.url),
    drones: readWholeNumber('--drones', values.drones, 1, 500),
    intervalMs: readWholeNumber('--interval', values.interval, 10, 60_000),
    seed: readWholeNumber('--seed', values.seed, 0, 2 ** 31 - 1),
    venueFile: path.resolve(values.venue),
    out: values.out ?? null,
    durationMs: parseDuration(values.duration ?? '10m'),
    startMs,
    force: values.force,
  }
}

function readUrl(text: string): string {
  try {
    return new URL(text).toString()
  } catch {
    throw new Error(`--url ${text} is not a URL, e.g. http://localhost:3000`)
  }
}

function readWholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${option} ${text} must be a whole number from ${min} to ${max}`)
  }

  return value
}

async function writeFile(venue: Venue, settings: Settings & { out: string }): Promise<number> {
  const startMs = settings.startMs ?? Date.now() - settings.durationMs
  const bar = new cliProgress.SingleBar(
    { format: 'simulate |{bar}| {percentage}% | {value}/{total} ticks | ETA {eta_formatted}' },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.floor(settings.durationMs / settings.intervalMs) + 1, 0)
  const wallStart = Date.now()
  let written: Awaited<ReturnType<typeof writeScenarioFile>>
  try {
    written = await writeScenarioFile(venue, {
      file: settings.out,
      startMs,
      durationMs: settings.durationMs,
      intervalMs: settings.intervalMs,
      drones: settings.drones,
      seed: settings.seed,
      onStep: (done) => bar.update(done),
    })
  } catch (error) {
    bar.stop()
    console.error(`cannot write ${settings.out}: ${(error as Error).message}`)

    return 1
  }
  bar.stop()

  console.log(
    `Wrote ${written.reports} reports from ${settings.drones} drones to ${settings.out}: ` +
      `${formatDuration(settings.durationMs)} of scenario, ${new Date(startMs).toISOString()} ` +
      `to ${new Date(written.endMs).toISOString()}, in ${formatDuration(Date.now() - wallStart)}.`,
  )
  // The server's default tolerance for clocks running ahead is two minutes (CLOCK_SKEW_S).
  if (written.endMs > Date.now() + FUTURE_NOTE_AFTER_MS) {
    console.log(
      'Note: the last reports lie in the future; a server refuses reports ahead of its clock ' +
        '(CLOCK_SKEW_S), so replay with --speed 1 or write with an earlier --start.',
    )
  }

  return 0
}

async function flyLive(venue: Venue, settings: Settings): Promise<number> {
  const unreachable = await checkServer(settings.url)
  if (unreachable) {
    console.error(`${unreachable}. Is the server running? Start it with npm start.`)

    return 1
  }
  if (!settings.force && (await runsOwnSimulator(settings.url))) {
    console.error(
      `The server at ${settings.url} flies its own simulator with the same drone ids; start it ` +
        'with SIMULATOR=off npm start to fly them from here, or pass --force.',
    )

    return 2
  }

  // One retry only: a late batch would hold up the drones' next reports.
  const post = createReportPoster(settings.url, { retries: 1, firstBackoffMs: 200 })
  const tally = { sent: 0, accepted: 0, rejected: 0, lost: 0, shownRejects: 0 }
  const simulator = createSimulator({
    venue,
    drones: settings.drones,
    intervalMs: settings.intervalMs,
    seed: settings.seed,
    logger: createLogger(process.env.LOG_LEVEL ?? 'info'),
    publish: async (reports) => {
      const outcome = await post(reports)
      tally.sent += reports.length
      if (!outcome.ok) {
        tally.lost += reports.length
        throw new Error(outcome.message)
      }
      tally.accepted += outcome.accepted
      tally.rejected += outcome.rejected.length
      for (const { index, reason } of outcome.rejected) {
        if (tally.shownRejects++ < REJECTS_SHOWN) console.log(`rejected report ${index}: ${reason}`)
      }
    },
  })

  console.log(
    `Flying ${settings.drones} drones over ${venue.name}, posting to ${describeReportsUrl(settings.url)} ` +
      `every ${settings.intervalMs} ms. Ctrl-C to stop.`,
  )
  const startedAt = Date.now()
  simulator.start()
  const status = setInterval(() => {
    console.log(
      `${formatDuration(Date.now() - startedAt)}: sent ${tally.sent}, accepted ${tally.accepted}, ` +
        `rejected ${tally.rejected}, lost ${tally.lost}`,
    )
  }, STATUS_EVERY_MS)

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  clearInterval(status)
  simulator.stop()
  console.log(
    `Stopped after ${formatDuration(Date.now() - startedAt)}: sent ${tally.sent}, ` +
      `accepted ${tally.accepted}, rejected ${tally.rejected}, lost ${tally.lost}.`,
  )

  return tally.lost > 0 ? 1 : 0
}

/** Whether the server's health page says its built-in simulator is flying. */
async function runsOwnSimulator(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/health', url), {
      signal: AbortSignal.timeout(5_000),
    })
    const health = (await response.json()) as { simulator?: { running?: boolean } | null }

    return health.simulator?.running === true
  } catch {
    return false
  }
}

async function main(argv: string[]): Promise<number> {
  const commandLine = readCommandLine(argv, readSettings, USAGE)
  if ('exitCode' in commandLine) return commandLine.exitCode
  const { settings } = commandLine

  let venue: Venue
  try {
    venue = await loadVenue(settings.venueFile)
  } catch (error) {
    console.error((error as Error).message)

    return 2
  }

  return settings.out
    ? writeFile(venue, { ...settings, out: settings.out })
    : flyLive(venue, settings)
}

process.exitCode = await main(process.argv.slice(2))
