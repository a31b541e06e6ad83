import type { Band } from '@/lib/bands'

/** How each band is presented: a word for screen readers and colour-blind viewers, and styles. */
export const BAND_STYLE: Record<
  Band,
  { label: string; swatch: string; text: string; pattern: string; border: string }
> = {
  normal: {
    label: 'Normal',
    swatch: 'bg-band-normal',
    text: 'text-band-normal',
    pattern: '',
    border: 'border-band-normal',
  },
  busy: {
    label: 'Busy',
    swatch: 'bg-band-busy',
    text: 'text-band-busy',
    pattern: '',
    border: 'border-band-busy',
  },
  warning: {
    label: 'Warning',
    swatch: 'bg-band-warning',
    text: 'text-band-warning',
    pattern: 'band-pattern-warning',
    border: 'border-band-warning',
  },
  high: {
    label: 'High',
    swatch: 'bg-band-high',
    text: 'text-band-high',
    pattern: 'band-pattern-high',
    border: 'border-band-high',
  },
  critical: {
    label: 'Critical',
    swatch: 'bg-band-critical',
    text: 'text-band-critical',
    pattern: 'band-pattern-critical',
    border: 'border-band-critical',
  },
}
