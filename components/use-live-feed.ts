'use client'

import { useEffect, useState, useSyncExternalStore } from 'react'
import { io, type Socket } from 'socket.io-client'

import type { AlertsSnapshot, CellsSnapshot, DronesSnapshot } from '@/lib/api-types'
import type { ClientToServerEvents, FeedScope, ServerToClientEvents } from '@/lib/socket-events'

import { ApiCallError, callApi } from './api-client'
import { createLiveStore, type LiveStore } from './live-store'

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting'

export type Connection = {
  status: ConnectionStatus
  /** When the status last changed, browser clock. */
  since: number
}

export type SyncState = {
  /** Browser-clock time of the last complete snapshot, or null before the first. */
  syncedAt: number | null
  /** Why the last snapshot or subscription failed, while it has not succeeded since. */
  error: string | null
}

export type LiveFeed = {
  store: LiveStore
  /** Changes after every flush of the store; a render dependency, not a count. */
  version: number
  connection: Connection
  sync: SyncState
}

type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const SUBSCRIBE_TIMEOUT_MS = 5_000
const RETRY_AFTER_MS = 3_000
// While the socket is down the page still refreshes over HTTP, so a wall screen behind a
// proxy that breaks WebSockets and long polling alike is late, but not frozen.
const POLL_WHILE_DOWN_MS = 10_000

/**
 * Keeps a live store filled for one feed: a snapshot over HTTP, then socket events; after every
 * (re)connect it subscribes again and takes fresh snapshots, because Socket.IO does not replay
 * what was emitted while the browser was away.
 */
export function useLiveFeed(
  feed: FeedScope | null,
  options: { cells: boolean; drones: boolean },
): LiveFeed {
  const [store] = useState(createLiveStore)
  const [connection, setConnection] = useState<Connection>(() => ({
    status: 'connecting',
    since: Date.now(),
  }))
  const [sync, setSync] = useState<SyncState>({ syncedAt: null, error: null })
  const version = useSyncExternalStore(store.subscribe, store.getVersion, () => 0)
  const feedKey = feed ? JSON.stringify(feed) : null
  const { cells: wantCells, drones: wantDrones } = options

  useEffect(() => {
    if (feedKey === null) return
    const scope = JSON.parse(feedKey) as FeedScope
    const alertsPath =
      scope.scope === 'station'
        ? `/api/alerts?stationId=${encodeURIComponent(scope.stationId)}`
        : '/api/alerts'

    let generation = 0
    let disposed = false
    let retryTimer: ReturnType<typeof setTimeout> | null = null

    store.clear()

    async function fetchSnapshot<T extends { serverTime: number }>(path: string): Promise<T> {
      const sentAt = Date.now()
      const snapshot = await callApi<T>(path)
      store.syncClock(snapshot.serverTime, sentAt, Date.now())

      return snapshot
    }

    async function resync() {
      const current = ++generation
      if (retryTimer) clearTimeout(retryTimer)
      store.beginResync()

      const stillCurrent = () => !disposed && current === generation
      const jobs: Promise<void>[] = [
        fetchSnapshot<AlertsSnapshot>(alertsPath).then((snapshot) => {
          if (stillCurrent()) store.replaceAlerts(snapshot.alerts)
        }),
      ]
      if (wantCells) {
        jobs.push(
          fetchSnapshot<CellsSnapshot>('/api/cells').then((snapshot) => {
            if (stillCurrent()) store.replaceCells(snapshot.cells)
          }),
        )
      }
      if (wantDrones) {
        jobs.push(
          fetchSnapshot<DronesSnapshot>('/api/drones').then((snapshot) => {
            if (stillCurrent()) store.replaceDrones(snapshot.drones)
          }),
        )
      }

      try {
        await Promise.all(jobs)
        if (stillCurrent()) setSync({ syncedAt: Date.now(), error: null })
      } catch (error) {
        if (!stillCurrent()) return
        const reason =
          error instanceof ApiCallError ? error.message : 'The snapshot could not be read.'
        setSync((previous) => ({ ...previous, error: reason }))
        retryTimer = setTimeout(() => void resync(), RETRY_AFTER_MS)
      }
    }

    const socket: FeedSocket = io({ autoConnect: false, reconnectionDelayMax: 5_000 })

    function subscribe(): Promise<void> {
      return new Promise((resolve) => {
        socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('feed:subscribe', scope, (error, result) => {
          if (!disposed && (error || !result?.ok)) {
            const reason = error
              ? 'The live feed did not confirm the subscription.'
              : (result?.error ?? 'The live feed refused the subscription.')
            setSync((previous) => ({ ...previous, error: reason }))
          }
          resolve()
        })
      })
    }

    let everConnected = false
    socket.on('connect', () => {
      everConnected = true
      setConnection({ status: 'live', since: Date.now() })
      // Subscribe first, then read the snapshot: whatever changes in between arrives as an
      // event, and the merge by event time and sequence keeps the newest of the two.
      void subscribe().then(() => {
        if (!disposed) void resync()
      })
    })
    socket.on('disconnect', (reason) => {
      if (disposed) return
      setConnection({ status: 'reconnecting', since: Date.now() })
      // A server-side disconnect is not retried by Socket.IO itself.
      if (reason === 'io server disconnect') socket.connect()
    })
    socket.on('connect_error', () => {
      if (disposed) return
      setConnection((previous) =>
        previous.status === 'live' || (everConnected && previous.status === 'connecting')
          ? { status: 'reconnecting', since: Date.now() }
          : previous,
      )
    })
    socket.on('alert:changed', (alert) => store.applyAlert(alert))
    if (wantCells) socket.on('cells:updated', (cells) => store.applyCells(cells))
    if (wantDrones) socket.on('drones:updated', (drones) => store.applyDrones(drones))

    // The socket notices a dead network only when a heartbeat is missed, tens of seconds later;
    // the browser knows at once when it loses its own network, so say so at once.
    const dropOnOffline = () => {
      setConnection({ status: 'reconnecting', since: Date.now() })
      socket.io.engine?.close()
    }
    const retryOnOnline = () => {
      if (!socket.connected) socket.connect()
    }
    window.addEventListener('offline', dropOnOffline)
    window.addEventListener('online', retryOnOnline)

    socket.connect()
    void resync()

    const poll = setInterval(() => {
      if (!socket.connected) void resync()
    }, POLL_WHILE_DOWN_MS)

    return () => {
      disposed = true
      window.removeEventListener('offline', dropOnOffline)
      window.removeEventListener('online', retryOnOnline)
      clearInterval(poll)
      if (retryTimer) clearTimeout(retryTimer)
      socket.removeAllListeners()
      socket.disconnect()
    }
  }, [feedKey, wantCells, wantDrones, store])

  useEffect(() => () => store.dispose(), [store])

  return { store, version, connection, sync }
}
