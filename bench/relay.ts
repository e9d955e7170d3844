// The transport's ceiling: a bare Socket.IO relay with the same rooms and events as the app, but
// no authentication and no database. Run as its own process: `tsx bench/relay.ts PORT MEMBERS.json`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const [port, file] = process.argv.slice(2);
const members: Record<string, string[]> = JSON.parse(readFileSync(file, 'utf8'));
const http = createServer();
const io = new Server(http, { serveClient: false });
let seq = 0;
io.on('connection', (socket) => {
  void socket.join(`user:${(socket.handshake.auth as { userId: string }).userId}`);
  socket.on('message:send', (p: { conversationId: string; body: string; clientId: string }, ack: (r: unknown) => void) => {
    const message = { id: String(++seq), conversationId: p.conversationId, seq, body: p.body, clientId: p.clientId, createdAt: new Date().toISOString() };
    ack({ ok: true, message });
    io.to((members[p.conversationId] ?? []).map((id) => `user:${id}`)).emit('message:new', message);
  });
});
http.listen(Number(port), '127.0.0.1', () => process.stdout.write('relay ready\n'));
process.on('SIGTERM', () => process.exit(0));
