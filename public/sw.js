/*
 * Accord's service worker: a board or session page this browser has opened opens again
 * when the server cannot be reached (a district network down, Wi-Fi lost, the server
 * restarting), so a reload during an offline spell shows the board from this device's
 * offline copy instead of the browser's error page. The page itself keeps its content in
 * IndexedDB (components/sync/indexeddb-offline-store.ts) and syncs when the server is back.
 *
 * - Board and session pages, and the partnership home that lists them (full page loads
 *   only; a link followed offline becomes one, as Next falls back to a full load when it
 *   cannot fetch the next page): network first; a good answer is kept, and the kept copy
 *   is used only when the network fails
 *   or the server answers 5xx. A redirect (signed out) or a 4xx (no access, no such board)
 *   deletes every kept page of that partnership.
 * - `/_next/static/` (content-hashed, never changes): from the cache when there, else
 *   fetched and kept (at most 400, the oldest out first), so a kept page's scripts and
 *   styles are kept as it loads them.
 * - Any other page: from the network; when that fails, a small page saying so and linking
 *   the kept pages by title. Nothing else (APIs, the sync socket) passes through here.
 *
 * Sign-out deletes these caches with the offline copies (components/sync/offline-store.ts).
 * Served from public/, so its address is /sw.js and its scope the whole site.
 */
const PAGES = 'accord-pages-v1';
const ASSETS = 'accord-assets-v1';
/** A partnership's home (its list of boards and sessions), its boards, sessions, caucuses and projector views. */
const OFFLINE_PAGES = /^\/p\/[^/]+(\/(boards\/[^/]+|ibb\/(?!new\/?$)[^/]+(\/caucus\/[^/]+)?)(\/projector)?)?\/?$/;
const STATIC_PREFIX = '/_next/static/';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys()) if (name.startsWith('accord-') && !keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  // APIs (sign-in callbacks, downloads) go straight to the network, as before.
  if (request.mode !== 'navigate' || url.pathname.startsWith('/api/')) return;
  event.respondWith(OFFLINE_PAGES.test(url.pathname) ? networkFirst(event, request, url) : networkOrOfflinePage(request));
});

async function networkOrOfflinePage(request) {
  try {
    return await fetch(request);
  } catch {
    return offlinePage();
  }
}

const OFFLINE_TEXT = {
  en: {
    title: 'Offline',
    heading: 'You are offline',
    body: 'This page has not been opened on this device before. These have, and open without a connection; what you change is saved when it returns:',
    none: 'No board has been opened on this device yet.',
    retry: 'Try again',
    home: 'Partnership home',
  },
  es: {
    title: 'Sin conexión',
    heading: 'No hay conexión',
    body: 'Esta página no se ha abierto antes en este dispositivo. Estas sí, y se abren sin conexión; lo que cambie se guarda cuando vuelva:',
    none: 'Aún no se ha abierto ningún tablero en este dispositivo.',
    retry: 'Intentar de nuevo',
    home: 'Inicio de la asociación',
  },
};

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page for an address this device has not kept: says so and links the kept pages, by title. */
async function offlinePage() {
  const text = (self.navigator.language ?? 'en').toLowerCase().startsWith('es') ? OFFLINE_TEXT.es : OFFLINE_TEXT.en;
  const pages = await caches.open(PAGES);
  const links = [];
  for (const key of await pages.keys()) {
    const html = await (await pages.match(key))?.text();
    // Page titles read "<title> · Accord"; a partnership's home is titled just "Accord".
    const title = (/<title>([^<]*)<\/title>/.exec(html ?? '')?.[1] ?? '').replace(/ (?:·|&#183;|&middot;) Accord$/, '');
    const label = title === '' || title === 'Accord' ? text.home : title;
    links.push(`<li><a href="${escapeHtml(new URL(key.url).pathname + new URL(key.url).search)}">${label}</a></li>`);
  }
  const list = links.length > 0 ? `<p>${text.body}</p><ul>${links.join('')}</ul>` : `<p>${text.none}</p>`;
  const body = `<!doctype html><html lang="${text === OFFLINE_TEXT.es ? 'es' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title} · Accord</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;font-size:1.25rem;line-height:1.5;color:#18181b}h1{font-size:2rem}a{color:#1e40af}li{margin:.5rem 0}button{font:inherit;padding:.5rem 1rem;min-height:44px}</style></head>
<body><main><h1>${text.heading}</h1>${list}<p><button type="button" onclick="location.reload()">${text.retry}</button></p></main></body></html>`;
  return new Response(body, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone()).then(() => trim(cache), () => undefined);
  return response;
}

/** Builds come and go: past this many scripts and styles, the oldest kept ones go. */
const MAX_ASSETS = 400;

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map((key) => cache.delete(key)));
}

async function keptPage(request) {
  const cache = await caches.open(PAGES);
  return (await cache.match(request, { ignoreVary: true })) ?? (await cache.match(request, { ignoreVary: true, ignoreSearch: true }));
}

async function networkFirst(event, request, url) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    return (await keptPage(request)) ?? offlinePage();
  }
  if (response.status >= 500) return (await keptPage(request)) ?? response;
  if (response.ok && !response.redirected && response.type === 'basic') event.waitUntil(keep(request, response.clone()));
  // Signed out, access withdrawn, the board gone: no kept copy may outlive that.
  else event.waitUntil(forgetPartnership(url));
  return response;
}

/**
 * Deletes every kept page of the partnership a refused page belongs to. A 404 does not say
 * whether one board went or the person's membership did, so all of them go; the next visit
 * online keeps them again.
 */
async function forgetPartnership(url) {
  const prefix = /^\/p\/[^/]+/.exec(url.pathname)?.[0];
  if (!prefix) return;
  const pages = await caches.open(PAGES);
  for (const key of await pages.keys()) {
    const path = new URL(key.url).pathname;
    if (path === prefix || path.startsWith(`${prefix}/`)) await pages.delete(key);
  }
}

/** Keeps a page. Its scripts and styles are kept as it loads them (`cacheFirst`). */
async function keep(request, response) {
  await (await caches.open(PAGES)).put(request, response);
}
