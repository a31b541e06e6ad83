import type { Alert, AlertStep } from '@/lib/alert'
import { AppError } from '@/lib/app-error'

import type { Logger } from '../logger'
import type { Bus } from '../ports/bus'
import type { Directory } from '../ports/directory'
import type { History } from '../ports/history'
import type { LiveStore } from '../ports/live-store'
import type { NextSeq } from './sequence'
import type { Topics } from './topics'

/** What people do to alerts: for now, an officer of the routed station acknowledges one. */
export function createAlertDesk(deps: {
  bus: Bus
  topics: Topics
  liveStore: LiveStore
  history: History
  directory: Directory
  nextSeq: NextSeq
  now?: () => number
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'alert-desk' })
  const now = deps.now ?? Date.now

  /**
   * Acknowledges an alert for its current episode. Acknowledging twice is harmless: the first
   * acknowledgement stands, so a replayed tap from a phone that was offline changes nothing.
   */
  async function acknowledge(alertId: string, officerId: string): Promise<Alert> {
    const alert = await deps.liveStore.getAlert(alertId)
    if (!alert) throw new AppError('not_found', `no alert ${alertId}`)
    if (alert.status === 'resolved')
      throw new AppError('conflict', 'this alert is already resolved')

    // Who may acknowledge is checked first, so an acknowledged alert does not answer outsiders.
    const officer = await deps.directory.getOfficer(officerId)
    if (!officer) throw new AppError('bad_request', `no officer ${officerId}`)
    if (officer.stationId !== alert.stationId) {
      throw new AppError(
        'forbidden',
        `officer ${officerId} is not of the station this alert is routed to`,
      )
    }
    if (alert.acknowledgement) return alert

    const at = now()
    const acknowledgement = { officerId, name: `${officer.rank} ${officer.name}`, at }
    const step: AlertStep = {
      stepId: `${alertId}:acknowledged:${at}`,
      alertId,
      step: 'acknowledged',
      at,
      severity: alert.severity,
      actor: officerId,
      detail: `acknowledged by ${acknowledgement.name}`,
    }
    await deps.liveStore.patchAlerts([
      { alertId, seq: deps.nextSeq(), status: 'acknowledged', acknowledgement },
    ])
    await deps.history.appendAlertSteps([step])

    const updated = (await deps.liveStore.getAlert(alertId)) ?? { ...alert, acknowledgement }
    await deps.bus.publish(deps.topics.alerts, [{ key: alertId, value: JSON.stringify(updated) }])
    log.info({ alertId, officerId, stationId: alert.stationId }, 'alert acknowledged')

    return updated
  }

  return { acknowledge }
}

export type AlertDesk = ReturnType<typeof createAlertDesk>
