import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import './globals.css'

export const metadata: Metadata = {
  title: 'Crowdwatch',
  description: 'Live crowd density, drones and alerts for event safety teams',
  icons: { icon: '/icon.svg' },
}

export const viewport: Viewport = {
  themeColor: '#070a0f',
  colorScheme: 'dark',
  width: 'device-width',
  initialScale: 1,
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="h-full">
      <body className="min-h-full bg-surface-0 text-ink antialiased">{children}</body>
    </html>
  )
}
