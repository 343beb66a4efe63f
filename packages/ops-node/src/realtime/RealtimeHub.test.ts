import http from 'node:http';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { RealtimeHub, REALTIME_PATH } from './RealtimeHub';

describe('RealtimeHub', () => {
  let server: http.Server;
  let hub: RealtimeHub;
  let url: string;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    server = http.createServer();
    hub = new RealtimeHub({ clock: () => new Date('2026-11-28T08:00:00Z') });
    hub.attach(server);
    hub.setAuthenticator(async token => {
      if (!token.startsWith('token-')) throw new Error('bad token');
      return { userRef: `user:default/${token.slice(6)}` };
    });
    hub.registerRooms('tickets:', async token => token !== 'token-trainer');
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    sockets.splice(0).forEach(s => s.disconnect());
    await hub.close();
    await new Promise(resolve => server.close(resolve));
  });

  const connect = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, { path: REALTIME_PATH, auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.on('connect', () => resolve(socket));
      socket.on('connect_error', reject);
    });
  const subscribe = (socket: Socket, room: string) =>
    new Promise<any>(resolve => socket.emit('subscribe', room, resolve));

  it('refuses sockets without a valid token', async () => {
    await expect(connect('forged')).rejects.toThrow('unauthenticated');
  });

  it('lets a socket join only rooms its user may read, and delivers published events', async () => {
    const agent = await connect('token-agent1');
    const trainer = await connect('token-trainer');
    expect((await subscribe(agent, 'tickets:queue')).ok).toBe(true);
    expect(await subscribe(trainer, 'tickets:queue')).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(agent, 'monitor:alerts')).toEqual({ ok: false, error: 'forbidden' });
    const received = new Promise(resolve => agent.on('ticket', resolve));
    const leaked = jest.fn();
    trainer.on('ticket', leaked);
    hub.publish('tickets:queue', 'ticket', { change: 'created', id: 7 });
    expect(await received).toEqual({ change: 'created', id: 7 });
    await new Promise(r => setTimeout(r, 50));
    expect(leaked).not.toHaveBeenCalled();
  });

  it('tracks who is viewing a room', async () => {
    const a = await connect('token-agent1');
    const b = await connect('token-agent2');
    await subscribe(a, 'tickets:ticket:1');
    const presence = new Promise<any>(resolve => a.on('presence', p => p.viewers.length === 2 && resolve(p)));
    const joined = await subscribe(b, 'tickets:ticket:1');
    expect(joined.viewers.map((v: any) => v.userRef).sort()).toEqual(['user:default/agent1', 'user:default/agent2']);
    expect((await presence).room).toBe('tickets:ticket:1');
    b.disconnect();
    await new Promise(r => setTimeout(r, 100));
    expect(hub.viewers('tickets:ticket:1').map(v => v.userRef)).toEqual(['user:default/agent1']);
  });
});
