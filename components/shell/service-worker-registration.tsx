'use client';

import { useEffect } from 'react';

/**
 * Registers public/sw.js, which lets a board or session page this browser has opened open
 * again while the server cannot be reached. Only in a production build (the dev server's
 * chunks change on every edit) and only where the browser allows service workers (HTTPS,
 * or localhost).
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    if (process.env.NODE_ENV !== 'production') {
      // A worker left by a production run on this address would serve the dev server's
      // chunks (same names, new content) from its cache: remove it.
      void navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((r) => r.unregister())));
      return;
    }
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      // Without it the app works as before; a reload while offline shows the browser's page.
      console.warn('[accord] offline page loads are off:', err);
    });
  }, []);
  return null;
}
