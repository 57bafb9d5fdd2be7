/**
 * The portal's Content-Security-Policy, built per request by proxy.ts with a fresh nonce.
 *
 * Scripts: only those carrying the nonce ('strict-dynamic' lets them load the chunks they
 * need). Next reads the nonce from the request's Content-Security-Policy header, which
 * proxy.ts sets, and puts it on every script it writes, inline RSC payload included; this is
 * why every page is rendered per request (app/layout.tsx). 'self' is only a fallback for
 * browsers without CSP level 3. No 'unsafe-inline', no eval in production.
 *
 * Styles keep 'unsafe-inline': Recharts and our own components set style="…" attributes,
 * which a nonce cannot cover (nonces apply to <style>/<script> elements only), and CSS cannot
 * run script.
 * `next dev` additionally needs eval (React's debugging) and its HMR websocket.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64: unguessable and new for every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
