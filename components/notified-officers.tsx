import { Phone, Radio } from 'lucide-react'

import type { NotifiedOfficer } from '@/lib/alert'

import { toTelHref } from './describe-alert'

/** The officers told of an alert, each with a phone link and their radio channel. */
export function NotifiedOfficers({
  officers,
  highlightOfficerId = null,
}: {
  officers: NotifiedOfficer[]
  highlightOfficerId?: string | null
}) {
  if (officers.length === 0) {
    return <p className="text-sm text-band-busy">No officer on duty was notified.</p>
  }

  return (
    <ul className="space-y-1" aria-label="Notified officers">
      {officers.map((officer) => (
        <li
          key={officer.officerId}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
          data-officer-id={officer.officerId}
        >
          <span className="font-semibold">
            {officer.rank} {officer.name}
            {officer.officerId === highlightOfficerId ? ' (you)' : ''}
          </span>
          <a
            href={toTelHref(officer.phone)}
            className="inline-flex items-center gap-1 rounded px-1 text-accent underline-offset-2 hover:underline"
            aria-label={`Call ${officer.rank} ${officer.name} on ${officer.phone}`}
          >
            <Phone size={14} aria-hidden />
            <span className="figure">{officer.phone}</span>
          </a>
          <span className="inline-flex items-center gap-1 text-ink-muted">
            <Radio size={14} aria-hidden />
            <span className="sr-only">Radio</span>
            {officer.radio}
          </span>
        </li>
      ))}
    </ul>
  )
}
