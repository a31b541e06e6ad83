import { CommandCenter } from '@/components/command-center'
import { getRuntime } from '@/server/runtime-handle'

// The map style comes from the checked configuration at request time, not baked in at build.
export const dynamic = 'force-dynamic'

export default function CommandCenterPage() {
  const { mapStyleUrl } = getRuntime().config

  return <CommandCenter mapStyleUrl={mapStyleUrl} />
}
