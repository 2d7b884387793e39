/** Cookies the server set, sent back on later requests the way a browser would. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response; an empty value clears the cookie. */
  store(response: Response): void {
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';', 1)[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The value of one cookie, if the server set it. */
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The owner account the bench creates on its fresh data dir. */
export const benchOwner = {
  name: 'Bench Owner',
  email: 'bench@example.com',
  password: 'correct horse battery staple',
};

/** Throws with the head of the body unless the status is the expected one (the body is read only then). */
async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
  if (response.status === expected) return;
  const body = (await response.text()).slice(0, 500);
  throw new Error(`${what} answered ${response.status}, expected ${expected}:\n${body}`);
}

/** GETs a page with a form, keeps its cookies and returns the form's CSRF token. */
async function csrfTokenOf(url: string, jar: CookieJar): Promise<string> {
  const response = await fetch(url, { headers: { cookie: jar.header() }, redirect: 'manual' });
  await expectStatus(response, 200, `GET ${url}`);
  jar.store(response);
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!token) throw new Error(`GET ${url}: no _csrf field in the page`);
  return token.replaceAll('&amp;', '&');
}

/** POSTs a urlencoded form with the jar's cookies; the answer must be a 303 redirect. */
async function submitForm(url: string, jar: CookieJar, fields: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  await expectStatus(response, 303, `POST ${url}`);
  jar.store(response);
}

/** Creates the owner on a Tollgate that has not been set up, signs in and returns the session's Cookie header. */
export async function signInAsNewOwner(baseUrl: string): Promise<string> {
  const jar = new CookieJar();
  const { name, email, password } = benchOwner;
  const setupToken = await csrfTokenOf(`${baseUrl}/setup`, jar);
  await submitForm(`${baseUrl}/setup`, jar, {
    _csrf: setupToken,
    name,
    email,
    password,
    passwordConfirmation: password,
  });
  const loginToken = await csrfTokenOf(`${baseUrl}/login`, jar);
  await submitForm(`${baseUrl}/login`, jar, { _csrf: loginToken, email, password });
  const session = jar.get('tollgate_session');
  if (!session) throw new Error('POST /login answered 303 but set no tollgate_session cookie');
  return `tollgate_session=${session}`;
}
