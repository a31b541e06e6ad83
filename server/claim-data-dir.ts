import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'

import { lock } from 'proper-lockfile'

/**
 * Claims the data folder for this process. The embedded stores are plain files: a second server
 * on the same folder would feed its consumers and simulator into the first one's data, so it
 * must stop before opening anything. The claim lapses by itself if the process dies.
 */
export async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  try {
    return await lock(dataDir, {
      lockfilePath: `${dataDir}/.crowdwatch.lock`,
      stale: 15_000,
      update: 5_000,
    })
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error
    throw new Error(
      `another Crowdwatch server uses the data folder ${dataDir}; stop it, or give this one ` +
        'its own DATA_DIR',
    )
  }
}

/** Fails at once if the port is taken, before anything is started or written. */
export async function checkPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use; stop what runs there or set PORT`)
          : error,
      ),
    )
    probe.listen(port, host, () => probe.close(() => resolve()))
  })
}
