import { CommandCenter } from '@/components/command-center'

// The map style is read from the environment at request time, not baked in at build time.
export const dynamic = 'force-dynamic'

export default function CommandCenterPage() {
  const mapStyleUrl = process.env.MAP_STYLE_URL ?? null

  return <CommandCenter mapStyleUrl={mapStyleUrl} />
}
