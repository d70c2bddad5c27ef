/**
 * A tiny cookie-keeping HTTP client for integration tests: signs in through Auth.js's
 * real endpoints (CSRF token, then the credentials callback) like a browser would.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('authjs.session-token'));
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const res = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Returns where Auth.js redirected: the landing URL on success, /signin?error=… on failure. */
  async signIn(email: string, password: string): Promise<{ ok: boolean; location: string }> {
    const csrf = await this.request('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await this.request('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/' }).toString(),
    });
    const location = res.headers.get('location') ?? '';
    return { ok: this.hasSession() && !location.includes('error='), location };
  }
}
