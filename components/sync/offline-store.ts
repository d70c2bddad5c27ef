/**
 * Naming and clearing of the browser's offline copies of docs (IndexedDB, written by
 * indexeddb-offline-store.ts). One database per person and doc (`accord:<userId>:<docId>`),
 * so two people sharing a computer never see each other's offline data; sign-out deletes
 * every `accord:` database. Kept free of Yjs so the sign-out button does not load it.
 */
const PREFIX = 'accord:';
/** Caches of public/sw.js (pages and their scripts); sign-out deletes them too. */
const KEPT_PAGES_PREFIX = 'accord-';
/** Names we created, for browsers without `indexedDB.databases()` (Firefox before 126). */
const REGISTRY_KEY = 'accord:offline-databases';

/** Closers of the stores open in this page: a database with an open connection cannot be deleted. */
const openStores = new Set<() => Promise<void>>();

export function trackOpenStore(close: () => Promise<void>): () => void {
  openStores.add(close);
  return () => openStores.delete(close);
}

export function offlineDatabaseName(userId: string, docId: string): string {
  return `${PREFIX}${userId}:${docId}`;
}

function readRegistry(): string[] {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((n): n is string => typeof n === 'string' && n.startsWith(PREFIX)) : [];
  } catch {
    // Storage disabled or corrupt: the databases() listing still covers modern browsers.
    return [];
  }
}

export function rememberDatabase(name: string): void {
  try {
    const names = new Set(readRegistry());
    names.add(name);
    window.localStorage.setItem(REGISTRY_KEY, JSON.stringify([...names]));
  } catch {
    // Without localStorage we rely on indexedDB.databases() at sign-out.
  }
}

/** How long sign-out waits for another tab that still has a board open. */
const BLOCKED_WAIT_MS = 3000;

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked by another tab's open connection: the deletion stays queued and completes
    // when that tab closes it; sign-out does not wait for that forever.
    request.onblocked = () => setTimeout(resolve, BLOCKED_WAIT_MS);
  });
}

/** The caches public/sw.js keeps pages and their scripts in (names start with `accord-`). */
async function clearKeptPages(): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const names = (await caches.keys()).filter((n) => n.startsWith(KEPT_PAGES_PREFIX));
    await Promise.all(names.map((n) => caches.delete(n)));
  } catch {
    // Not a secure context (no service worker either): nothing was kept.
  }
}

/**
 * Deletes every Accord offline copy in this browser, and the pages kept to open them. Open
 * stores are closed first: a database with an open connection cannot be deleted.
 */
export async function clearOfflineData(): Promise<void> {
  await clearKeptPages();
  if (typeof indexedDB === 'undefined') return;
  const open = [...openStores];
  openStores.clear();
  await Promise.all(open.map((close) => close()));
  const listed = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : [])) : [];
  const names = new Set([...listed, ...readRegistry()].filter((n) => n.startsWith(PREFIX) && n !== REGISTRY_KEY));
  await Promise.all([...names].map(deleteDatabase));
  try {
    window.localStorage.removeItem(REGISTRY_KEY);
  } catch {
    // Nothing to forget.
  }
}
