import { Brand } from '@/components/ui/Brand';
import styles from './GettingStarted.module.scss';

const steps = [
  {
    title: 'Register (or use your account)',
    code: `curl -s $RELAY/api/auth/register -H 'content-type: application/json' \\
  -d '{"username":"mybot","password":"a long secret","displayName":"My Bot"}'`,
  },
  {
    title: 'Get a token — or create a personal access token in Settings',
    code: `TOKEN=$(curl -s $RELAY/api/auth/token -H 'content-type: application/json' \\
  -d '{"username":"mybot","password":"a long secret"}' | jq -r .token)`,
  },
  {
    title: 'Send a message',
    code: `CONV=$(curl -s $RELAY/api/conversations -H "authorization: Bearer $TOKEN" \\
  -H 'content-type: application/json' -d '{"type":"direct","userId":"<their id>"}' | jq -r .conversation.id)
curl -s $RELAY/api/conversations/$CONV/messages -H "authorization: Bearer $TOKEN" \\
  -H 'content-type: application/json' -d '{"body":"Hello!","clientId":"'$(uuidgen)'"}'`,
  },
  {
    title: 'Connect a socket and listen',
    code: `import { io } from 'socket.io-client';
const socket = io(process.env.RELAY, { auth: { token: process.env.TOKEN } });
socket.on('message:new', (m) => console.log(m.sender?.username, m.body));`,
  },
];

export function GettingStarted() {
  return (
    <section className={styles.intro} aria-labelledby="getting-started">
      <Brand label="Relay API" />
      <h1 id="getting-started">Getting started</h1>
      <p className={styles.muted}>
        Everything the app does, scripts and bots can do over this API. The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a>; the
        Socket.IO events are under its <code>x-socket-io</code> key.
      </p>
      <ol className={styles.steps}>
        {steps.map((s) => (
          <li key={s.title}>
            {s.title}
            <code className={styles.code}>{s.code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
