import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'

import { formatDuration } from './parse-duration'
import { checkServer, createReportPoster, describeReportsUrl } from './post-reports'
import { readReportFile } from './read-report-file'
import { replayReports, type ReplayProgress, type ReplaySummary } from './replay-reports'
import { readCommandLine } from './read-command-line'

const USAGE = `Sends the reports of a JSON array or NDJSON file to a Crowdwatch server, in file order.

Usage: npm run replay -- FILE [options]

  --url URL        server to post to (default http://localhost:3000)
  --batch N        reports per POST (default 500)
  --speed N        replay in event time, N times faster than recorded (default: as fast as possible)
  --retries N      retries of a failed POST, with growing waits (default 5)
  -h, --help       show this help

Exit status: 0 when every batch reached the server (rejected reports included), 1 when the
server could not be reached or a batch never got through, 2 for bad arguments or an unreadable file.
`

const PROBLEMS_SHOWN = 5

type Settings = {
  file: string
  url: string
  batchSize: number
  speed: number | null
  retries: number
}

function readSettings(argv: string[]): Settings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      batch: { type: 'string', default: '500' },
      speed: { type: 'string' },
      retries: { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return 'help'
  if (positionals.length !== 1) throw new Error('give exactly one report file to replay')

  const speed = values.speed === undefined ? null : Number(values.speed)
  if (speed !== null && !(Number.isFinite(speed) && speed > 0)) {
    throw new Error(`--speed ${values.speed} must be a number above 0, e.g. 1 for real time or 10`)
  }
  try {
    new URL(values.url)
  } catch {
    throw new Error(`--url ${values.url} is not a URL, e.g. http://localhost:3000`)
  }

  return {
    file: positionals[0] as string,
    url: values.url,
    batchSize: readWholeNumber('--batch', values.batch, 1, 100_000),
    speed,
    retries: readWholeNumber('--retries', values.retries, 0, 20),
  }
}

function readWholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${option} ${text} must be a whole number from ${min} to ${max}`)
  }

  return value
}

function printSummary(summary: ReplaySummary, problemsSeen: number) {
  const seconds = Math.max(summary.elapsedMs / 1000, 0.001)
  console.log(
    `Replayed ${summary.sent} of ${summary.read} reports in ${formatDuration(summary.elapsedMs)} ` +
      `(${Math.round(summary.sent / seconds)} reports/s): ${summary.accepted} accepted, ` +
      `${summary.rejected} rejected, ${summary.unreadable} unreadable, ${summary.failed} not delivered.`,
  )
  if (problemsSeen > PROBLEMS_SHOWN) {
    console.log(`(${problemsSeen - PROBLEMS_SHOWN} more problems not shown)`)
  }
  if (summary.stoppedBy) console.error(`Stopped early: ${summary.stoppedBy}`)
}

async function main(argv: string[]): Promise<number> {
  const commandLine = readCommandLine(argv, readSettings, USAGE)
  if ('exitCode' in commandLine) return commandLine.exitCode
  const { settings } = commandLine

  let totalBytes: number
  try {
    totalBytes = (await stat(settings.file)).size
  } catch (error) {
    console.error(`cannot read ${settings.file}: ${(error as NodeJS.ErrnoException).code ?? error}`)

    return 2
  }

  const unreachable = await checkServer(settings.url)
  if (unreachable) {
    console.error(`${unreachable}. Is the server running? Start it with npm start.`)

    return 1
  }

  // The bar draws on stderr; when that is not a terminal, plain lines serve the log better.
  const interactive = Boolean(process.stderr.isTTY)
  const bars = new cliProgress.MultiBar(
    {
      format:
        'replay |{bar}| {percentage}% | {sent} sent | {rate} reports/s | {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  const bar = interactive
    ? bars.create(Math.max(totalBytes, 1), 0, { sent: 0, rate: 0, rejected: 0 })
    : null
  const say = (line: string) => (bar ? bars.log(`${line}\n`) : console.log(line))
  const startedAt = Date.now()
  let problemsSeen = 0
  const post = createReportPoster(settings.url, {
    retries: settings.retries,
    onRetry: (attempt, waitMs, reason) =>
      say(`retry ${attempt}/${settings.retries} in ${formatDuration(waitMs)}: ${reason}`),
  })
  const showProgress = (progress: ReplayProgress) => {
    const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001)
    bar?.update(Math.min(progress.bytes, totalBytes), {
      sent: progress.sent,
      rate: Math.round(progress.sent / seconds),
      rejected: progress.rejected + progress.unreadable,
    })
  }

  console.log(`Replaying ${settings.file} to ${describeReportsUrl(settings.url)}`)
  let summary: ReplaySummary
  try {
    summary = await replayReports(readReportFile(settings.file), {
      batchSize: settings.batchSize,
      speed: settings.speed,
      post,
      onProgress: showProgress,
      onProblem: (where, reason) => {
        if (problemsSeen++ < PROBLEMS_SHOWN) say(`${where}: ${reason}`)
      },
    })
  } catch (error) {
    bars.stop()
    console.error((error as Error).message)

    return 2
  }
  showProgress(summary)
  bars.stop()
  printSummary(summary, problemsSeen)

  return summary.stoppedBy || summary.failed > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
