import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/archive — the archive run going on (with its progress) or the last one. */
export function GET() {
  return answer('GET /api/archive', async () => {
    const { archiver, archive } = getRuntime()

    return respondJson({ run: archiver.status(), hours: await archive.listHours() })
  })
}

/** POST /api/archive — archives the closed hours now; answers when the run is over. */
export function POST() {
  return answer('POST /api/archive', async () => {
    const run = await getRuntime().archiver.run()
    const failed = run.hours.some((hour) => hour.status === 'failed')

    return respondJson({ run }, failed ? 500 : 200)
  })
}
