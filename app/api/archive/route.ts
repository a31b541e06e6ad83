import type { ArchiveSnapshot, ArchiveStarted } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/archive — the run going on (with its progress) or the last one, and the lake's hours. */
export function GET() {
  return answer('GET /api/archive', async () => {
    const { archiver, archive } = getRuntime()
    const snapshot: ArchiveSnapshot = { run: archiver.status(), hours: await archive.listHours() }

    return respondJson(snapshot)
  })
}

/**
 * POST /api/archive — archives the closed hours now. Answers 202 at once with the run, whose
 * progress GET /api/archive then shows; with `?wait=true` it answers when the run is over, 500
 * if an hour failed.
 */
export function POST(request: Request) {
  return answer('POST /api/archive', async () => {
    const { archiver } = getRuntime()
    const running = archiver.run()
    if (new URL(request.url).searchParams.get('wait') !== 'true') {
      // The run goes on after the answer; its failures are logged by the archiver.
      running.catch(() => undefined)

      return respondJson({ run: archiver.status() } satisfies ArchiveStarted, 202)
    }

    const run = await running
    const failed = run.hours.some((hour) => hour.status === 'failed')

    return respondJson({ run } satisfies ArchiveStarted, failed ? 500 : 200)
  })
}
