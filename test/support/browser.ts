import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REDIS_URL } from './app.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { ServiceProcess } from './processes.js';
import { freePort, waitFor } from './throwaway.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);
/** The built api and worker (and console: built once per run by the tier's global setup) on a database and queue prefix of their own, seeded with the demo users. */
export class ConsoleServer {
  private readonly tokens = new Map<string, Promise<string>>();

  private constructor(
    readonly url: string,
    private readonly database: TestDatabase,
    private readonly processes: ServiceProcess[],
    private readonly secrets: string,
  ) {}

  /** `settings`: more environment for both processes (a webhook receiver, delivery attempts …). */
  static async start(settings: Record<string, string> = {}): Promise<ConsoleServer> {
    const database = await createTestDatabase();
    const port = await freePort();
    const secrets = mkdtempSync(join(tmpdir(), 'pta-browser-'));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: `pta-browser-${randomBytes(4).toString('hex')}`,
      PORT: String(port),
      SECRETS_DIR: secrets,
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      ...settings,
    };
    await run(process.execPath, [`${ROOT}dist/apps/cli/src/main.js`, 'seed'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    });
    const api = await ServiceProcess.start('api', env);
    const worker = await ServiceProcess.start('worker', env);
    await api.listening(port);
    return new ConsoleServer(`http://127.0.0.1:${port}`, database, [api, worker], secrets);
  }

  /** A bearer token, for setting the scene (users, not the walk itself). */
  async token(username: string, password = `${username}-demo`): Promise<string> {
    const response = await fetch(`${this.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  /** A request with a bearer token, for setting the scene: the status and the JSON body. */
  async call(
    username: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.tokenOf(username)}`,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  private tokenOf(username: string): Promise<string> {
    if (!this.tokens.has(username)) this.tokens.set(username, this.token(username));
    return this.tokens.get(username)!;
  }

  /** A statement as the database's superuser: what only someone writing around the service could do. */
  async sql(text: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url });
    await client.connect();
    try {
      await client.query(text, params);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.kill('SIGTERM')));
    await this.database.drop();
    rmSync(this.secrets, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, with the flags this machine kind needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A person at a 1366×768 screen in Shanghai; every console error of their pages is kept. */
export class Person {
  readonly errors: string[] = [];
  /** Every 4xx/5xx answer the pages got: method, URL, status and the start of the body. */
  readonly refusals: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly server: ConsoleServer,
  ) {}

  /** `locale`: the browser's language (its Accept-Language); the console stays Chinese whatever it is. */
  static async open(browser: Browser, server: ConsoleServer, locale = 'zh-CN'): Promise<Person> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale,
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const person = new Person(context, page, server);
    page.on('console', (message) => {
      if (message.type() === 'error') person.errors.push(message.text());
    });
    page.on('pageerror', (error) => person.errors.push(error.message));
    // Which request failed, and what the API said: Chromium's own console line names neither.
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const request = response.request();
      void response
        .text()
        .catch(() => '')
        .then((body) =>
          person.refusals.push(`${request.method()} ${response.url()} ${response.status()} ${body.slice(0, 300)}`),
        );
    });
    return person;
  }

  async signIn(username: string, password = `${username}-demo`): Promise<void> {
    await this.page.goto(`${this.server.url}/console/`);
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
    await this.page.getByTestId('who').waitFor();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: '退出' }).click();
    await this.page.getByRole('button', { name: '登录' }).waitFor();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Waits for what a read model will show soon, reloading the page now and then (it is eventually consistent). */
export async function eventually(page: Page, locator: Locator, timeoutMs = 30_000): Promise<void> {
  let last = Date.now();
  await waitFor(
    `${locator.toString()} to show`,
    async () => {
      if (await locator.first().isVisible()) return true;
      if (Date.now() - last > 2_000) {
        last = Date.now();
        await page.reload();
      }
      return false;
    },
    timeoutMs,
  );
}

/**
 * Picks an option of the antd select labelled `label` (within `scope`) and waits until the
 * select shows it: a click that lands while the dropdown is still opening can leave it
 * empty (seen once in CI), so it tries again.
 */
export async function choose(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  // `has` is searched inside each select, so it names the input from the page, not from scope.
  const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  const item = page.locator(`.ant-select-item-option[title="${option}"]`);
  for (let attempt = 1; ; attempt++) {
    try {
      // A dropdown still closing from the last pick shows its options too: ask the select.
      if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
      await item.click({ timeout: 5_000 });
      await select.getByText(option, { exact: true }).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Screenshots for the README, when asked for (npm run screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const folder = join(ROOT, 'apps/web/screenshots');
  mkdirSync(folder, { recursive: true });
  await page.waitForTimeout(300); // let antd's motion settle
  await page.screenshot({ path: join(folder, `${name}.png`) });
}
