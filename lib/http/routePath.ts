// A request's path as the router would see it, for decisions made at the edge (which routes get
// CORS, which body limit applies): so that `/api/auth/%74oken`, `/api//auth/token/` or
// `/api/x/../auth/token` cannot slip past a rule written for `/api/auth/token`.
export function routePath(url: string | undefined): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return null;
  }
  // Decoding can bring back dot segments (`%2e%2e`); resolve them once more.
  return new URL(path.replace(/\/{2,}/g, '/'), 'http://x').pathname.replace(/(.)\/+$/, '$1');
}

/** Whether `path` is `prefix` or below it, at a segment boundary. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : prefix + '/');
}
