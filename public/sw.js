/*
 * Accord's service worker: a board or session page this browser has opened opens again
 * when the server cannot be reached (a district network down, Wi-Fi lost, the server
 * restarting), so a reload during an offline spell shows the board from this device's
 * offline copy instead of the browser's error page. The page itself keeps its content in
 * IndexedDB (components/sync/indexeddb-offline-store.ts) and syncs when the server is back.
 *
 * - Board and session pages, and the partnership home that lists them (full page loads
 *   only; a link followed offline becomes one, as Next falls back to a full load when it
 *   cannot fetch the next page): network first; a good answer is kept,
 *   with the scripts and styles it names; the kept copy is used only when the network fails
 *   or the server answers 5xx. A redirect (signed out) or a 4xx (no access, no such board)
 *   deletes every kept page of that partnership.
 * - `/_next/static/` (content-hashed, never changes): from the cache when there (at most
 *   400 kept, the oldest out first).
 * - Everything else (sign-in, APIs, the sync socket, other pages) is not touched.
 *
 * Sign-out deletes these caches with the offline copies (components/sync/offline-store.ts).
 * Served from public/, so its address is /sw.js and its scope the whole site.
 */
const PAGES = 'accord-pages-v1';
const ASSETS = 'accord-assets-v1';
/** A partnership's home (its list of boards and sessions), its boards, sessions, caucuses and projector views. */
const OFFLINE_PAGES = /^\/p\/[^/]+(\/(boards\/[^/]+|ibb\/(?!new\/?$)[^/]+(\/caucus\/[^/]+)?)(\/projector)?)?\/?$/;
const STATIC_PREFIX = '/_next/static/';
/** Script and style addresses in a page's HTML, flight data included ("static/chunks/…"). */
const ASSET_REFERENCE = /(?:\/_next\/)?static\/(?:chunks|css|media)\/[^"'\s\\)]+/g;

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
  if (request.mode === 'navigate' && OFFLINE_PAGES.test(url.pathname)) event.respondWith(networkFirst(event, request, url));
});

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
  } catch (err) {
    const kept = await keptPage(request);
    if (kept) return kept;
    throw err;
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

/** Keeps a page and fetches into the asset cache every script and style it names. */
async function keep(request, response) {
  const html = await response.clone().text();
  const pages = await caches.open(PAGES);
  await pages.put(request, response);
  const assets = await caches.open(ASSETS);
  const names = new Set();
  for (const match of html.matchAll(ASSET_REFERENCE)) {
    const path = match[0].startsWith('/') ? match[0] : `/_next/${match[0]}`;
    names.add(new URL(path, self.location.origin).href);
  }
  await Promise.all(
    [...names].map(async (href) => {
      if (await assets.match(href)) return;
      try {
        const asset = await fetch(href);
        if (asset.ok) await assets.put(href, asset);
      } catch {
        // Offline again already: the next visit fills it.
      }
    }),
  );
}
