import type { CellsSnapshot } from '@/lib/api-types'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

/** GET /api/cells — the latest state of every observed zone cell. */
export function GET() {
  return answer('GET /api/cells', async () => {
    const cells = await getRuntime().liveStore.listCells()

    return respondJson({ cells, serverTime: Date.now() } satisfies CellsSnapshot)
  })
}
