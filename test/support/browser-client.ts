import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * Drives Tollgate like a browser would, through inject: keeps cookies, reads the CSRF token
 * from the pages it loads and sends it back with forms.
 */
export class BrowserClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    // inject hands back decoded values; a browser sends them encoded, as they were set.
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() <= Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
  }

  async request(options: {
    method: string;
    url: string;
    form?: Record<string, string>;
    json?: unknown;
    headers?: Record<string, string>;
  }) {
    const headers: Record<string, string> = { accept: 'text/html', ...options.headers };
    if (this.cookies.size) headers['cookie'] = this.cookieHeader();
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers['accept'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const response = await this.app.inject({
      method: options.method as 'GET',
      url: options.url,
      headers,
      payload,
      remoteAddress: this.ip,
    });
    this.remember(response);
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  getJson(url: string) {
    return this.request({ method: 'GET', url, headers: { accept: 'application/json' } });
  }

  /** Loads `pageUrl` (to get a CSRF token, as a browser would), then submits the form to `url`. */
  async submit(pageUrl: string, url: string, form: Record<string, string>) {
    await this.get(pageUrl);
    return this.request({ method: 'POST', url, form: { _csrf: this.csrfToken ?? '', ...form } });
  }

  sendJson(method: string, url: string, json: unknown) {
    return this.request({ method, url, json });
  }
}

export const ownerPassword = 'correct horse battery staple';

/** Runs the first-run wizard and signs in as the owner. */
export async function setUpOwner(client: BrowserClient, email = 'owner@example.com') {
  const setup = await client.submit('/setup', '/setup', {
    name: 'Olive Owner',
    email,
    password: ownerPassword,
    passwordConfirmation: ownerPassword,
  });
  if (setup.statusCode !== 303)
    throw new Error(`setup failed: ${setup.statusCode} ${setup.body.slice(0, 300)}`);
  const login = await client.submit('/login', '/login', { email, password: ownerPassword });
  if (login.statusCode !== 303) throw new Error(`login failed: ${login.statusCode}`);
}

/** Signs in an existing user in a new client. */
export async function signIn(app: FastifyInstance, email: string, password: string, ip?: string) {
  const client = new BrowserClient(app, ip);
  const response = await client.submit('/login', '/login', { email, password });
  if (response.statusCode !== 303) throw new Error(`login of ${email} failed: ${response.statusCode}`);
  return client;
}
