import { X } from 'lucide-react'

import type { HealthGroup, HealthReport } from '@/lib/api-types'

import { formatAge, formatCount } from '../format'
import { HEALTH_PILL, isPartDown, partStateClass, type HealthStatus } from './health-style'
import type { HealthReading } from './use-health'

function StateTag({ state }: { state: string }) {
  return (
    <span
      className={`shrink-0 rounded text-xs font-black tracking-wide uppercase ${partStateClass(state)}`}
    >
      {state}
    </span>
  )
}

function formatCountOrUnknown(count: number): string {
  // The server reports -1 when the history could not count.
  return count < 0 ? 'unknown' : formatCount(count)
}

function GroupItem({ group, serverTime }: { group: HealthGroup; serverTime: number }) {
  const down = isPartDown(group.state)

  return (
    <li className={`space-y-0.5 px-3 py-2 ${down ? 'border-l-4 border-danger bg-danger/10' : ''}`}>
      <div className="flex items-start justify-between gap-3">
        <span className="min-w-0">
          <span className="block font-mono text-sm font-semibold break-all">{group.groupId}</span>
          <span className="block font-mono text-xs break-all text-ink-muted">{group.topic}</span>
        </span>
        <StateTag state={group.state} />
      </div>
      <p className="figure text-xs text-ink-muted">
        lag <span className="font-semibold text-ink">{formatCount(group.lag)}</span> · handled{' '}
        {formatCount(group.handled)} · last commit{' '}
        {group.lastCommitAt === null
          ? 'never'
          : `${formatAge(serverTime - group.lastCommitAt)} ago`}
      </p>
      {group.lastError ? (
        <p className="text-xs font-semibold break-words text-danger">{group.lastError}</p>
      ) : null}
    </li>
  )
}

function ReportBody({ report }: { report: HealthReport }) {
  return (
    <>
      <h3 className="px-3 pt-3 pb-1 text-xs font-bold tracking-widest text-ink-muted uppercase">
        Components
      </h3>
      <ul className="divide-y divide-line">
        {report.components.map((component) => (
          <li
            key={component.name}
            data-testid="health-component"
            data-state={component.state}
            className={`flex items-start justify-between gap-3 px-3 py-2 ${component.state === 'down' ? 'border-l-4 border-danger bg-danger/10' : ''}`}
          >
            <span className="min-w-0">
              <span className="block text-sm font-semibold">{component.name}</span>
              <span
                className={`block text-xs break-words ${component.state === 'down' ? 'font-semibold text-danger' : 'text-ink-muted'}`}
              >
                {component.detail}
              </span>
            </span>
            <StateTag state={component.state} />
          </li>
        ))}
      </ul>
      <h3 className="px-3 pt-3 pb-1 text-xs font-bold tracking-widest text-ink-muted uppercase">
        Consumer groups
      </h3>
      {report.groups.length === 0 ? (
        <p className="px-3 py-2 text-sm text-ink-muted">No consumer group in this process.</p>
      ) : (
        <ul className="divide-y divide-line">
          {report.groups.map((group) => (
            <GroupItem
              key={`${group.groupId}/${group.topic}`}
              group={group}
              serverTime={report.serverTime}
            />
          ))}
        </ul>
      )}
      <dl className="grid grid-cols-2 gap-2 border-t border-line p-3 text-center">
        <div className="rounded-md bg-surface-2 px-2 py-1.5">
          <dt className="text-xs text-ink-muted">Reports accepted</dt>
          <dd className="figure text-lg font-extrabold">
            {formatCountOrUnknown(report.counts.accepted)}
          </dd>
        </div>
        <div className="rounded-md bg-surface-2 px-2 py-1.5">
          <dt className="text-xs text-ink-muted">Reports refused</dt>
          <dd className="figure text-lg font-extrabold">
            {formatCountOrUnknown(report.counts.rejected)}
          </dd>
        </div>
      </dl>
      {report.simulator ? (
        <p className="px-3 pb-3 text-xs text-ink-muted">
          Simulator {report.simulator.running ? 'running' : 'stopped'} with{' '}
          {report.simulator.drones} drones.
        </p>
      ) : null}
    </>
  )
}

/** Every component and consumer group with its state, and the reports accepted and refused. */
export function HealthPanel({
  id,
  reading,
  status,
  now,
  onClose,
}: {
  id: string
  reading: HealthReading
  status: HealthStatus
  now: number
  onClose: () => void
}) {
  const { report, error, reportedAt } = reading

  return (
    <div
      id={id}
      data-testid="health-panel"
      role="region"
      aria-label="System health"
      className="fixed inset-x-2 top-14 z-50 max-h-[80dvh] overflow-y-auto sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-[30rem] rounded-lg border border-line bg-surface-1 text-left shadow-2xl shadow-black"
    >
      <div className="sticky top-0 flex items-center justify-between gap-3 border-b border-line bg-surface-2 px-3 py-2">
        <p className="font-bold">
          System health ·{' '}
          <span className={status === 'down' ? 'text-danger' : ''}>
            {HEALTH_PILL[status].label}
          </span>
        </p>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close system health"
          className="rounded p-1 text-ink-muted hover:bg-surface-3 hover:text-ink"
        >
          <X size={18} aria-hidden />
        </button>
      </div>
      {status === 'down' ? (
        <p className="bg-danger px-3 py-2 text-sm font-bold text-black">
          A part is down: reports may not be processed until it is back.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="bg-band-busy px-3 py-2 text-sm font-semibold text-black">
          {error} {report ? 'What follows is the last report.' : ''}
        </p>
      ) : null}
      {report ? <ReportBody report={report} /> : null}
      {reportedAt !== null ? (
        <p className="border-t border-line px-3 py-2 text-xs text-ink-faint">
          Checked {formatAge(now - reportedAt)} ago; again every 10 s.
        </p>
      ) : (
        <p className="px-3 py-2 text-sm text-ink-muted">Checking…</p>
      )}
    </div>
  )
}
