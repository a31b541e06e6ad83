'use client'

import { ChevronDown, HeartPulse } from 'lucide-react'
import { useEffect, useId, useRef } from 'react'

import { HealthPanel } from './health-panel'
import { HEALTH_PILL, readHealthStatus } from './health-style'
import type { HealthReading } from './use-health'

/**
 * The system's health in one pill for the header; it opens the panel of every component and
 * consumer group. Escape or a click elsewhere closes it.
 */
export function HealthPill({
  reading,
  now,
  open,
  onOpenChange,
}: {
  reading: HealthReading
  now: number
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const status = readHealthStatus(reading)
  const pill = HEALTH_PILL[status]

  useEffect(() => {
    if (!open) return

    function closeOnOutsideClick(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) onOpenChange(false)
    }
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key === 'Escape') onOpenChange(false)
    }
    document.addEventListener('pointerdown', closeOnOutsideClick)
    document.addEventListener('keydown', closeOnEscape)

    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick)
      document.removeEventListener('keydown', closeOnEscape)
    }
  }, [open, onOpenChange])

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        data-testid="health-pill"
        data-status={status}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`System health: ${pill.label}. Show details`}
        onClick={() => onOpenChange(!open)}
        className={`flex items-center gap-1 rounded-full px-2 py-1 text-xs font-black tracking-wide whitespace-nowrap uppercase sm:px-2.5 sm:text-sm ${pill.className}`}
      >
        <HeartPulse size={16} aria-hidden />
        <span className={status === 'up' ? 'hidden sm:inline' : ''}>{pill.label}</span>
        <ChevronDown
          size={14}
          aria-hidden
          className={`hidden transition-transform sm:block ${open ? 'rotate-180' : ''}`}
        />
      </button>
      {open ? (
        <HealthPanel
          id={panelId}
          reading={reading}
          status={status}
          now={now}
          onClose={() => onOpenChange(false)}
        />
      ) : null}
    </div>
  )
}
