import type { Metadata } from 'next'

import { OfficerConsole } from '@/components/officer/officer-console'

export const metadata: Metadata = { title: 'Crowdwatch · Officer' }

export default function OfficerPage() {
  return <OfficerConsole />
}
