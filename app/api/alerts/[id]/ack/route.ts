import { z } from 'zod'

import { AppError } from '@/lib/app-error'
import { answer, respondJson } from '@/server/api/respond'
import { getRuntime } from '@/server/runtime-handle'

export const dynamic = 'force-dynamic'

const AcknowledgeBody = z.object({
  officerId: z.string({ error: 'officerId is required' }).min(1).max(128),
})

/**
 * POST /api/alerts/:id/ack — an officer of the routed station acknowledges the alert.
 * Acknowledging an acknowledged alert answers with it unchanged.
 */
export function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return answer('POST /api/alerts/:id/ack', async () => {
    const { id } = await context.params
    const body = AcknowledgeBody.safeParse(await request.json().catch(() => null))
    if (!body.success) throw new AppError('bad_request', 'send JSON like {"officerId":"…"}')

    const alert = await getRuntime().alertDesk.acknowledge(id, body.data.officerId)

    return respondJson({ alert })
  })
}
