// A round-robin TCP load balancer for tests, standing in for the one in front of several
// processes in production: each new connection (page load, API call, WebSocket) goes to the next
// backend that accepts it, and when a backend dies its connections are cut, as a real one would.
import { createServer, connect, type Socket } from 'node:net';

export type Balancer = { url: string; port: number; backends: number[]; close: () => Promise<void> };

export async function startBalancer(backends: number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  let next = 0;
  const balancer: Balancer = { url: '', port: 0, backends, close: async () => {} };

  const route = (client: Socket, tries: number) => {
    const ports = balancer.backends;
    if (tries >= ports.length) return client.destroy();
    const port = ports[next++ % ports.length];
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      open.add(upstream);
      upstream.once('close', () => {
        open.delete(upstream);
        client.destroy();
      });
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    // Refused (a dead backend): try the next one. After connecting, 'close' follows any error.
    upstream.on('error', () => {
      if (!connected) route(client, tries + 1);
    });
    client.once('close', () => upstream.destroy());
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => {});
    route(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.port = (server.address() as { port: number }).port;
  balancer.url = `http://127.0.0.1:${balancer.port}`;
  balancer.close = async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return balancer;
}
