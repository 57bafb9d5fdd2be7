// The portal's HTTP server (`npm start`): Next.js behind a plain node:http server, per Next's
// custom-server API, for one reason: deciding who the client is before Next sees the request.
// `next start` keeps a client-sent X-Forwarded-For and route handlers cannot see the socket,
// so a client could pick its own address for the audit trail and the per-IP rate limits.
// Here every request's forwarding headers are rewritten from the socket and TRUST_PROXY_HOPS
// (lib/server/forwarding.mjs), and HSTS is sent on requests that arrived over HTTPS.
//
//   PORT=3000 TRUST_PROXY_HOPS=1 node server.mjs        (after `next build`)
//
// Everything else (build output, next.config.mjs, instrumentation.ts with the start-up and
// the shutdown hooks) is exactly what `next start` would use.
import { createServer } from 'node:http';
import { applyTrustedForwarding, HSTS_VALUE, markTrustedForwarding, parseTrustProxyHops } from './lib/server/forwarding.mjs';

process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const portArg = process.argv.indexOf('-p') >= 0 ? process.argv[process.argv.indexOf('-p') + 1] : undefined;
const port = Number(portArg ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port: ${portArg ?? process.env.PORT}`);
// A bad value stops the server here, before it serves anything.
const hops = parseTrustProxyHops(process.env.TRUST_PROXY_HOPS);
// Host names Next uses for its own URLs; listening is on every interface, as `next start` does.
const hostname = 'localhost';

const { default: next } = await import('next');

const server = createServer();
const app = next({ dev: false, dir: import.meta.dirname, hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
markTrustedForwarding();

server.on('request', (req, res) => {
  const { proto } = applyTrustedForwarding(req, hops);
  // Headers of our own go on before Next starts the response (see Next's custom-server guide).
  if (proto === 'https') res.setHeader('Strict-Transport-Security', HSTS_VALUE);
  handle(req, res).catch((error) => {
    console.error('[cloudshield] request failed', error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end('Internal Server Error');
    } else res.destroy();
  });
});

server.listen(port, () => {
  console.log(`▲ CloudShield ready on http://${hostname}:${port} (trusting ${hops} proxy hop${hops === 1 ? '' : 's'})`);
});
