import { useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';

let shared: { socket: Socket; token: string } | undefined;

/** The realtime socket path (see the backend's RealtimeHub). */
export const REALTIME_PATH = '/api/realtime/socket.io';

async function socketFor(token: string): Promise<Socket> {
  if (shared && shared.token === token) return shared.socket;
  shared?.socket.disconnect();
  const socket = io({ path: REALTIME_PATH, auth: { token }, transports: ['websocket', 'polling'] });
  shared = { socket, token };
  return socket;
}

/**
 * Joins `room` on the realtime hub and calls `onEvent(event, payload)` for each message; returns
 * whether the room was joined and who else is viewing the room.
 */
export function useRealtimeRoom(
  room: string | undefined,
  onEvent: (event: string, payload: any) => void,
): { connected: boolean; viewers: { userRef: string }[] } {
  const identity = useApi(identityApiRef);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  const [viewers, setViewers] = useState<{ userRef: string }[]>([]);
  useEffect(() => {
    if (!room) return undefined;
    let socket: Socket | undefined;
    let cancelled = false;
    const onAny = (event: string, payload: any) => {
      if (event === 'presence' && payload?.room === room) setViewers(payload.viewers ?? []);
      else handler.current(event, payload);
    };
    const join = () => {
      // Connected means joined: a room the user may not read stays "offline".
      socket?.emit('subscribe', room, (r: any) => {
        setConnected(!!r?.ok);
        if (r?.ok) setViewers(r.viewers ?? []);
      });
    };
    (async () => {
      const { token } = await identity.getCredentials();
      if (!token || cancelled) return;
      socket = await socketFor(token);
      socket.onAny(onAny);
      socket.on('connect', join);
      socket.on('disconnect', () => setConnected(false));
      if (socket.connected) join();
    })();
    return () => {
      cancelled = true;
      socket?.emit('unsubscribe', room);
      socket?.offAny(onAny);
      socket?.off('connect', join);
    };
  }, [room, identity]);
  return { connected, viewers };
}
