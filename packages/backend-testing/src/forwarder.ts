import net from 'node:net';

/** A TCP port that forwards every connection to another port (set once that port is known). */
export interface TcpForwarder {
  /** the listening port */
  port: number;
  /** where connections go from now on */
  forwardTo(port: number): void;
  close(): Promise<void>;
}

/**
 * Listens on a free local port and forwards connections to a port chosen later. A test backend
 * listens on a random port, but services that publish their own URLs (the CA's CRL, OCSP and TSA
 * addresses, which the monitor probes) must know their base URL before they start: configure
 * `backend.baseUrl` with the forwarder's port, then point it at the backend.
 */
export async function startTcpForwarder(): Promise<TcpForwarder> {
  let target: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (!target) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    forwardTo(port: number) {
      target = port;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
