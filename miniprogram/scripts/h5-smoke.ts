// Smoke test of the BUILT H5 app as the local gateway serves it (<base>/h5/),
// in jsdom with Node's fetch: /env.json config, redirect to login, demo
// personas, one-tap sign-in, and the member card read through RLS.
// No browser needed (the playwright e2e can replace this once chromium exists).
//
// Run against a running stack (npm start, after npm run build):
//   YIMA_BASE_URL=http://127.0.0.1:54321 npm run smoke:h5 -w miniprogram
import assert from 'node:assert/strict';
import { JSDOM, VirtualConsole } from 'jsdom';

const base = (process.env.YIMA_BASE_URL ?? 'http://127.0.0.1:54321').replace(/\/+$/, '');
const PERSONA = 'member-a';

async function main() {
  const config = (await (await fetch(`${base}/env.json`)).json()) as { anonKey: string };
  const listed = (await (await fetch(`${base}/functions/v1/auth-dev`, { headers: { apikey: config.anonKey } })).json()) as {
    personas: { key: string; name: string; org_name: string }[];
  };
  const persona = listed.personas.find((p) => p.key === PERSONA);
  assert.ok(persona, `auth-dev lists ${PERSONA}`);

  const problems: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => problems.push(`jsdom: ${error.message}`));
  virtualConsole.on('error', (...args: unknown[]) => problems.push(`console.error: ${args.map(String).join(' ')}`));

  const dom = await JSDOM.fromURL(`${base}/h5/`, {
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      // jsdom has no fetch; lend it Node's, resolving relative URLs against the page.
      const win = window as unknown as Record<string, unknown>;
      win.fetch = (input: string | URL | Request, init?: RequestInit) =>
        fetch(typeof input === 'string' ? new URL(input, window.location.href).href : input, init);
      win.Headers = Headers;
      win.Request = Request;
      win.Response = Response;
      win.scrollTo = () => undefined;
    },
  });
  const { window } = dom;
  const text = () => (window.document.body.textContent ?? '').replace(/\s+/g, ' ');
  const waitFor = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; page: "${text().slice(0, 300)}"; ${problems.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  try {
    const started = Date.now();
    await waitFor('the login page with personas', () => window.location.hash.includes('pages/login/index') && text().includes(persona.name));
    const tile = [...window.document.querySelectorAll('.persona')].find((node) => node.textContent?.includes(persona.name));
    assert.ok(tile, 'persona tile rendered');
    (tile as HTMLElement).click();

    const card = () => window.document.querySelector('.card');
    await waitFor('the home card', () => window.location.hash.includes('pages/index/index') && !!card()?.textContent?.includes(persona.name));
    const cardText = card()?.textContent ?? '';
    assert.ok(cardText.includes(persona.org_name), `card shows the org; it shows "${cardText}"`);
    assert.ok(!cardText.includes('未分配部门'), `card shows a department; it shows "${cardText}"`);
    assert.ok(window.localStorage.getItem('yima.session'), 'session persisted');
    console.log(`h5 smoke passed in ${Date.now() - started} ms against ${base}/h5/: "${cardText}"`);
  } finally {
    window.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('h5 smoke FAILED:', error);
    process.exit(1);
  },
);
