import type { Alert, AlertStep, NotifiedOfficer } from '@/lib/alert'
import {
  judgeDensity,
  type DensityRuleSettings,
  type DensityRuleState,
  type DensityTransition,
} from '@/lib/alert-rules'
import type { CellObserver } from '@/lib/cell-state'
import { findCellCenter } from '@/lib/grid'
import { findOfficersOnDuty, routeToStation } from '@/lib/routing'

import type { Logger } from '../logger'
import type { Bus, BusMessage } from '../ports/bus'
import type { History } from '../ports/history'
import type { AlertPatch, LiveStore } from '../ports/live-store'
import { decodeObservations } from './decode-observations'
import { setAside } from './set-aside'
import type { DirectoryCache } from './directory-cache'
import type { NextSeq } from './sequence'
import type { Topics } from './topics'

const DENSITY_RULE = 'density'

/** A new peak this much above the stored one is written, so the feed shows how bad it got. */
const PEAK_STEP = 1.1

/**
 * The alerts consumer group, on the observations topic keyed by cell, so that one member
 * judges all of a cell's observations: judges each with the density rule on event time, routes new alerts to a station and its officers on duty, and keeps alerts, their
 * audit steps and the rule's memory durable before the batch is committed.
 */
export function createAlertsWorker(deps: {
  bus: Bus
  topics: Topics
  liveStore: LiveStore
  history: History
  directory: DirectoryCache
  observer: CellObserver
  rule: DensityRuleSettings
  timeZone: string
  nextSeq: NextSeq
  logger: Logger
}) {
  const log = deps.logger.child({ module: 'alerts' })
  const ruleStates = new Map<string, DensityRuleState>()
  const peaks = new Map<string, number>()

  async function handleBatch(messages: BusMessage[]) {
    const { observations, unreadable } = decodeObservations(messages)
    if (unreadable.length > 0) await setAside(deps.bus, deps.topics.rejected, unreadable)
    const pendingStates = new Map<string, DensityRuleState>()
    const patches = new Map<string, AlertPatch>()
    const steps: AlertStep[] = []
    const pendingPeaks = new Map<string, number>()
    const resolved = new Set<string>()

    for (const cell of observations) {
      const previous = pendingStates.get(cell.cellId) ?? ruleStates.get(cell.cellId)
      const judgement = judgeDensity(
        previous,
        cell,
        deps.observer.bandEdgesOf(cell.cellId),
        deps.rule,
      )
      if (judgement.state === previous) continue

      pendingStates.set(cell.cellId, judgement.state)
      for (const transition of judgement.transitions) {
        const step = await describeTransition(transition)
        mergePatch(patches, step.patch)
        steps.push(...step.steps)
        if (transition.type === 'resolved') resolved.add(transition.alertId)
        else
          pendingPeaks.set(
            transition.alertId,
            Math.max(transition.cell.density, peaks.get(transition.alertId) ?? 0),
          )
      }
      trackPeak(judgement.state, cell.density, patches, pendingPeaks)
    }

    if (patches.size > 0) {
      await deps.liveStore.patchAlerts([...patches.values()])
      await deps.history.appendAlertSteps(steps)
      await announce([...patches.keys()])
    }
    if (pendingStates.size > 0) {
      await deps.liveStore.saveRuleStates(
        DENSITY_RULE,
        [...pendingStates.values()].map((state) => ({ key: state.cellId, state })),
      )
    }

    // Memory moves forward only once the batch is durable; a failed batch is judged again.
    for (const [cellId, state] of pendingStates) ruleStates.set(cellId, state)
    for (const [alertId, peak] of pendingPeaks) peaks.set(alertId, peak)
    for (const alertId of resolved) peaks.delete(alertId)
  }

  function trackPeak(
    state: DensityRuleState,
    density: number,
    patches: Map<string, AlertPatch>,
    pendingPeaks: Map<string, number>,
  ) {
    const episode = state.episode
    if (!episode) return
    const peak = pendingPeaks.get(episode.alertId) ?? peaks.get(episode.alertId) ?? 0
    if (density < peak * PEAK_STEP) return

    pendingPeaks.set(episode.alertId, density)
    mergePatch(patches, { alertId: episode.alertId, seq: deps.nextSeq(), peakDensity: density })
  }

  async function describeTransition(transition: DensityTransition) {
    if (transition.type === 'raised') return describeRaise(transition)

    const { alertId, at, severity, cell } = transition
    if (transition.type === 'resolved') {
      return {
        patch: { alertId, seq: deps.nextSeq(), status: 'resolved', resolvedAt: at, updatedAt: at },
        steps: [
          step(
            alertId,
            'resolved',
            at,
            severity,
            `density ${cell.density.toFixed(2)} p/m² stayed below the clearing line`,
          ),
        ],
      } satisfies TransitionWrite
    }

    const notified = await notifyOfficers(alertId, severity, cell, at)

    return {
      patch: {
        alertId,
        seq: deps.nextSeq(),
        severity,
        status: 'open',
        updatedAt: at,
        acknowledgement: null,
        peakDensity: Math.max(cell.density, peaks.get(alertId) ?? 0),
        doubtful: cell.doubtful,
        ...(notified.officers.length > 0 ? { notified: notified.officers } : {}),
      },
      steps: [
        step(
          alertId,
          'worsened',
          at,
          severity,
          `${transition.previous} → ${severity}: density ${cell.density.toFixed(2)} p/m² held`,
        ),
        ...notified.steps,
      ],
    } satisfies TransitionWrite
  }

  async function describeRaise(
    transition: Extract<DensityTransition, { type: 'raised' }>,
  ): Promise<TransitionWrite> {
    const { alertId, at, severity, cell } = transition
    const center = findCellCenter(cell.cellId)
    const route = routeToStation(center, await deps.directory.listStations())
    const notified = await notifyOfficers(alertId, severity, cell, at, route?.station.stationId)
    const patch: AlertPatch = {
      alertId,
      seq: deps.nextSeq(),
      kind: 'density',
      cellId: cell.cellId,
      sectorId: cell.sectorId,
      lat: center.lat,
      lon: center.lon,
      severity,
      status: 'open',
      raisedAt: at,
      updatedAt: at,
      resolvedAt: null,
      peakDensity: cell.density,
      doubtful: cell.doubtful,
      stationId: route?.station.stationId ?? null,
      stationName: route?.station.name ?? null,
      routedBy: route?.routedBy ?? null,
      notified: notified.officers,
      acknowledgement: null,
    }
    const detail = `density ${cell.density.toFixed(2)} p/m² held at ${severity} for ${deps.rule.sustainMs / 1000} s`
    log.info({ alertId, cell: cell.cellId, severity, stationId: patch.stationId }, 'alert raised')

    return { patch, steps: [step(alertId, 'raised', at, severity, detail), ...notified.steps] }
  }

  /** The officers of the routed station on duty at the event time, and the step that says so. */
  async function notifyOfficers(
    alertId: string,
    severity: AlertStep['severity'],
    cell: DensityTransition['cell'],
    at: number,
    stationId?: string,
  ): Promise<{ officers: NotifiedOfficer[]; steps: AlertStep[] }> {
    const routedStation =
      stationId ??
      routeToStation(findCellCenter(cell.cellId), await deps.directory.listStations())?.station
        .stationId
    if (!routedStation) return { officers: [], steps: [] }

    const onDuty = findOfficersOnDuty(
      await deps.directory.listOfficers(),
      routedStation,
      at,
      deps.timeZone,
    )
    const officers = onDuty.map(({ officerId, name, rank, phone, radio }) => ({
      officerId,
      name,
      rank,
      phone,
      radio,
    }))
    const names = officers.map((officer) => `${officer.rank} ${officer.name}`).join(', ')
    const detail =
      officers.length > 0 ? `console: ${names}` : `no officer of ${routedStation} on duty`

    return { officers, steps: [step(alertId, 'notified', at, severity, detail)] }
  }

  /** A rule step; its id is derived from the alert, the kind and the event time (idempotent). */
  function step(
    alertId: string,
    kind: AlertStep['step'],
    at: number,
    severity: AlertStep['severity'],
    detail: string,
  ): AlertStep {
    return {
      stepId: `${alertId}:${kind}:${at}`,
      alertId,
      step: kind,
      at,
      severity,
      actor: 'rule',
      detail,
    }
  }

  /** Puts each changed alert on the alerts topic, from which every instance tells its browsers. */
  async function announce(alertIds: string[]) {
    const alerts = (await Promise.all(alertIds.map((id) => deps.liveStore.getAlert(id)))).filter(
      (alert): alert is Alert => alert !== null,
    )
    await deps.bus.publish(
      deps.topics.alerts,
      alerts.map((alert) => ({ key: alert.alertId, value: JSON.stringify(alert) })),
    )
  }

  return {
    /** Loads the rule's memory and the open episodes' peaks, so a restart resumes mid-episode. */
    async warmUp() {
      for (const { key, state } of await deps.liveStore.loadRuleStates(DENSITY_RULE)) {
        ruleStates.set(key, state as DensityRuleState)
      }
      for (const alert of await deps.liveStore.listAlerts({ unresolvedOnly: true })) {
        peaks.set(alert.alertId, alert.peakDensity)
      }
      log.info({ cells: ruleStates.size, openAlerts: peaks.size }, 'alert rules loaded')
    },
    handleBatch,
  }
}

type TransitionWrite = { patch: AlertPatch; steps: AlertStep[] }

function mergePatch(patches: Map<string, AlertPatch>, patch: AlertPatch) {
  const earlier = patches.get(patch.alertId)
  patches.set(patch.alertId, earlier ? { ...earlier, ...patch } : patch)
}
