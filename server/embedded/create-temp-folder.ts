import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh folder under the system's temporary directory, and how to remove it with its files. */
export async function createTempFolder(prefix: string) {
  const path = await mkdtemp(join(tmpdir(), `crowdwatch-${prefix}-`))

  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
