import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, Socket } from 'socket.io';

/** Path at which the socket.io endpoint is served. */
export const REALTIME_PATH = '/api/realtime/socket.io';

/** The identity of an authenticated socket. */
export interface RealtimeIdentity {
  /** User entity ref, e.g. `user:default/alice`. */
  userRef: string;
  /** Display name shown to others (presence). */
  displayName?: string;
}

/**
 * Turns the token a client presents in its handshake into an identity, or throws. Installed by
 * the realtime backend plugin, which has the Backstage auth service.
 */
export type RealtimeAuthenticator = (token: string) => Promise<RealtimeIdentity>;

/** Decides whether an identity may join a room (rooms are named `<plugin>:<name>`). */
export type RoomAuthorizer = (token: string, room: string) => Promise<boolean>;

/** A viewer present in a room. */
export interface PresenceEntry {
  userRef: string;
  displayName?: string;
  since: string;
}

interface SocketData {
  identity?: RealtimeIdentity;
  token?: string;
}

/**
 * The portal's one socket.io hub. It is attached once to the backend's HTTP server (by the root
 * HTTP router's configure callback); plugins publish to rooms through it; clients authenticate
 * with their Backstage token and may join a room only when the room's plugin allows it.
 * Presence (who is viewing a ticket) is tracked per room.
 */
export class RealtimeHub {
  private io?: SocketServer;
  private authenticator?: RealtimeAuthenticator;
  private readonly roomAuthorizers = new Map<string, RoomAuthorizer>();
  private readonly presence = new Map<string, Map<string, PresenceEntry>>();
  private readonly clock: () => Date;

  constructor(options: { clock?: () => Date } = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Attaches socket.io to `server`. Called once at start-up. */
  attach(server: HttpServer): void {
    if (this.io) throw new Error('RealtimeHub is already attached');
    const io = new SocketServer(server, {
      path: REALTIME_PATH,
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
    });
    io.use(async (socket, next) => {
      try {
        const token = String(
          (socket.handshake.auth as { token?: unknown })?.token ?? '',
        );
        if (!token || !this.authenticator) throw new Error('unauthenticated');
        const data = socket.data as SocketData;
        data.identity = await this.authenticator(token);
        data.token = token;
        next();
      } catch {
        next(new Error('unauthenticated'));
      }
    });
    io.on('connection', socket => this.onConnection(socket));
    this.io = io;
  }

  /** Installs the function that authenticates sockets. */
  setAuthenticator(authenticator: RealtimeAuthenticator): void {
    this.authenticator = authenticator;
  }

  /**
   * Declares the rooms whose names start with `prefix` (e.g. `tickets:`) and who may join them.
   */
  registerRooms(prefix: string, authorizer: RoomAuthorizer): void {
    this.roomAuthorizers.set(prefix, authorizer);
  }

  /** Sends `event` with `payload` to every socket in `room`. */
  publish(room: string, event: string, payload: unknown): void {
    this.io?.to(room).emit(event, payload);
  }

  /** Who is currently in `room`. */
  viewers(room: string): PresenceEntry[] {
    return [...(this.presence.get(room)?.values() ?? [])];
  }

  /** Closes every connection (backend shutdown). */
  async close(): Promise<void> {
    await new Promise<void>(resolve => {
      if (!this.io) return resolve();
      this.io.close(() => resolve());
    });
    this.io = undefined;
  }

  private authorizerFor(room: string): RoomAuthorizer | undefined {
    for (const [prefix, authorizer] of this.roomAuthorizers) {
      if (room.startsWith(prefix)) return authorizer;
    }
    return undefined;
  }

  private onConnection(socket: Socket) {
    const data = socket.data as SocketData;
    const joined = new Set<string>();
    socket.on('subscribe', async (room: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (typeof room !== 'string' || room.length > 200) {
        reply({ ok: false, error: 'invalid room' });
        return;
      }
      const authorizer = this.authorizerFor(room);
      let allowed = false;
      try {
        allowed = !!authorizer && (await authorizer(data.token!, room));
      } catch {
        allowed = false;
      }
      if (!allowed) {
        reply({ ok: false, error: 'forbidden' });
        return;
      }
      await socket.join(room);
      joined.add(room);
      this.addPresence(room, socket.id, data.identity!);
      reply({ ok: true, viewers: this.viewers(room) });
    });
    socket.on('unsubscribe', async (room: unknown) => {
      if (typeof room !== 'string' || !joined.has(room)) return;
      await socket.leave(room);
      joined.delete(room);
      this.removePresence(room, socket.id);
    });
    socket.on('disconnect', () => {
      for (const room of joined) this.removePresence(room, socket.id);
    });
  }

  private addPresence(room: string, socketId: string, identity: RealtimeIdentity) {
    let entries = this.presence.get(room);
    if (!entries) this.presence.set(room, (entries = new Map()));
    entries.set(socketId, {
      userRef: identity.userRef,
      displayName: identity.displayName,
      since: this.clock().toISOString(),
    });
    this.publish(room, 'presence', { room, viewers: this.viewers(room) });
  }

  private removePresence(room: string, socketId: string) {
    const entries = this.presence.get(room);
    if (!entries) return;
    entries.delete(socketId);
    if (entries.size === 0) this.presence.delete(room);
    this.publish(room, 'presence', { room, viewers: this.viewers(room) });
  }
}
