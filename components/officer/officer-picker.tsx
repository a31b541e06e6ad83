import type { OfficersSnapshot, StationsSnapshot } from '@/lib/api-types'
import type { Officer } from '@/lib/directory'

const SELECT_CLASS =
  'h-14 w-full rounded-lg border-2 border-line bg-surface-2 px-3 text-lg font-semibold text-ink focus:border-accent'

function describeOfficer(officer: Officer): string {
  const role = officer.role === 'supervisor' ? ' (supervisor)' : ''

  return `${officer.rank} ${officer.name}${role}`
}

/**
 * Where the officer says who they are: their station, then themselves among its officers, the
 * ones on duty now listed first. Until accounts exist this choice is kept on the device.
 */
export function OfficerPicker({
  stations,
  stationsError,
  stationId,
  officers,
  officerId,
  onChooseStation,
  onChooseOfficer,
}: {
  stations: StationsSnapshot['stations'] | null
  stationsError: string | null
  stationId: string | null
  officers: OfficersSnapshot | null
  officerId: string | null
  onChooseStation: (stationId: string) => void
  onChooseOfficer: (officerId: string | null) => void
}) {
  const onDuty = new Set(officers?.onDuty ?? [])
  const dutyNow = officers?.officers.filter((officer) => onDuty.has(officer.officerId)) ?? []
  const offDuty = officers?.officers.filter((officer) => !onDuty.has(officer.officerId)) ?? []
  const station = stations?.find((candidate) => candidate.stationId === stationId)

  return (
    <section
      aria-label="Your station and name"
      className="space-y-3 rounded-xl border border-line bg-surface-1 p-3"
    >
      <label className="block space-y-1">
        <span className="text-sm font-bold tracking-wide text-ink-muted uppercase">
          Your station
        </span>
        <select
          data-testid="station-select"
          className={SELECT_CLASS}
          value={stationId ?? ''}
          disabled={!stations}
          onChange={(event) => onChooseStation(event.target.value)}
        >
          <option value="" disabled>
            {stations ? 'Choose your station…' : 'Loading stations…'}
          </option>
          {stations?.map((candidate) => (
            <option key={candidate.stationId} value={candidate.stationId}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      {!stationId ? (
        <p className="text-sm text-ink-muted">
          Choose your station to see its alerts. This phone remembers your choice.
        </p>
      ) : null}
      {stationsError ? (
        <p role="alert" className="font-semibold text-danger">
          {stationsError} Reload the page to try again.
        </p>
      ) : null}
      {station ? (
        <p className="text-sm text-ink-muted">
          {station.address} · radio {station.radio} ·{' '}
          <a href={`tel:${station.phone.replace(/[^\d+]/g, '')}`} className="text-accent">
            {station.phone}
          </a>
        </p>
      ) : null}

      {stationId ? (
        <label className="block space-y-1">
          <span className="text-sm font-bold tracking-wide text-ink-muted uppercase">I am</span>
          <select
            data-testid="officer-select"
            className={SELECT_CLASS}
            value={officerId ?? ''}
            disabled={!officers}
            onChange={(event) => onChooseOfficer(event.target.value || null)}
          >
            <option value="">{officers ? 'Choose your name…' : 'Loading officers…'}</option>
            {dutyNow.length > 0 ? (
              <optgroup label="On duty now">
                {dutyNow.map((officer) => (
                  <option key={officer.officerId} value={officer.officerId}>
                    {describeOfficer(officer)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {offDuty.length > 0 ? (
              <optgroup label="Not on duty now">
                {offDuty.map((officer) => (
                  <option key={officer.officerId} value={officer.officerId}>
                    {describeOfficer(officer)}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
      ) : null}
      {officers && officers.officers.length === 0 ? (
        <p role="alert" className="font-semibold text-band-busy">
          No officer is listed for this station.
        </p>
      ) : null}
    </section>
  )
}
