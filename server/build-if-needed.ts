import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import type { Logger } from './logger'

const SOURCES = ['app', 'components', 'lib', 'public', 'server']
const SOURCE_FILES = ['next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json']
const IGNORED = new Set(['node_modules', '.next', 'seed'])

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0
  const stats = statSync(entry)
  if (!stats.isDirectory()) return stats.mtimeMs

  let newest = stats.mtimeMs
  for (const child of readdirSync(entry)) {
    if (IGNORED.has(child)) continue
    newest = Math.max(newest, newestChange(path.join(entry, child)))
  }

  return newest
}

/** Whether the production build is missing or older than a source it was built from. */
export function isBuildStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!existsSync(buildId)) return true

  const builtAt = statSync(buildId).mtimeMs
  const changedAt = Math.max(
    ...[...SOURCES, ...SOURCE_FILES].map((entry) => newestChange(path.join(root, entry))),
  )

  return changedAt > builtAt
}

/** Builds the pages when the build is missing or stale, so `npm start` is the only step. */
export async function buildIfNeeded(root: string, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'build' })
  if (!isBuildStale(root)) return

  log.info('building the pages first (a minute or two on a first start)')
  const started = Date.now()
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' })
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`next build failed with exit code ${code}; see its output above`)
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'pages built')
}
