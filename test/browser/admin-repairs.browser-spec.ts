import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ConsoleServer, eventually, launchChromium, Person, screenshot } from '../support/browser.js';
import { startWebhookSink } from '../support/deadlines.js';
import { soundBody } from '../support/declarations.js';

/** The one refusal this file provokes: retrying a stream that still cannot be applied. */
const STILL_PARKED = /Failed to load resource: .* 409 \(Conflict\)/;

/**
 * What an admin repairs from the console: a stream the declarations read model parked (a poison
 * event written around the service, as in test/e2e/poison-events.e2e-spec.ts), and a webhook
 * delivery that failed for good, sent again with 重试.
 */
describe('the admin’s repair screens: parked streams and failed deliveries', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Person;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let refused: string | null = null;
  let poisoned = '';

  beforeAll(async () => {
    // The receiver refuses the first notice it is sent, for good (410), and takes everything else
    // (the signed checkpoints the worker sends to the same webhook among them).
    sink = await startWebhookSink((body, seenBefore) => {
      if (refused === null && body.kind !== 'checkpoint') refused = body.id;
      return body.id === refused && seenBefore === 0 ? 410 : 200;
    });
    server = await ConsoleServer.start({
      WEBHOOK_URL: sink.url,
      WEBHOOK_SECRET: 'browser-webhook-secret-0123456789',
      NOTICE_DELIVERY_ATTEMPTS: '1',
      NOTICE_DELIVERY_BACKOFF: '100ms',
    });
    browser = await launchChromium();
    const draft = await server.call('preparer', 'POST', '/declarations', soundBody({ projectName: '被篡改的申报' }));
    poisoned = draft.body.id as string;
    // A sign-off of a draft, appended around the service: no transition records it there.
    await server.sql(`SELECT es_append($1, 1, $2::jsonb, $3::jsonb, NULL, NULL, NULL)`, [
      `declaration-${poisoned}`,
      JSON.stringify([
        { type: 'BureauSignedOff', data: { by: 'intruder', at: new Date().toISOString(), comment: null } },
      ]),
      JSON.stringify({ actorId: 'intruder', role: 'bureau_signer' }),
    ]);
    // A submission: its 待办到达 notice goes to the webhook, which refuses it.
    const sound = await server.call('preparer', 'POST', '/declarations', soundBody());
    const submitted = await server.call(
      'preparer',
      'POST',
      `/declarations/${sound.body.id as string}/submit`,
      {},
      {
        'If-Match': '"1"',
      },
    );
    expect(submitted.status).toBe(200);
  });

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('shows the parked stream with its event and reason; 重试 says it is still parked', async () => {
    admin = await Person.open(browser, server);
    await admin.signIn('admin');
    const page = admin.page;
    await page.getByRole('menuitem', { name: '读模型' }).click();
    const parked = page.getByTestId('parked-streams');
    const row = parked.locator('tr').filter({ hasText: `declaration-${poisoned}` });
    await eventually(page, row);
    await row.getByText('BureauSignedOff', { exact: true }).waitFor();
    await row.getByText(/BureauSignedOff cannot follow a declaration that is draft/).waitFor();
    await page.getByText('1 个事件流').waitFor();
    await screenshot(page, 'parked-streams');
    await row.getByRole('button', { name: '重试' }).click();
    await page.getByRole('alert').getByText('该事件流仍无法应用，继续搁置').waitFor();
    await row.waitFor(); // still listed
  });

  it('lists the failed delivery and sends it again with 重试', async () => {
    const page = admin.page;
    await page.getByRole('menuitem', { name: '投递失败' }).click();
    const row = page.locator('tr').filter({ hasText: 'Webhook 接收方返回 HTTP 410' });
    await eventually(page, row);
    const title = sink.requests.find((r) => r.body.id === refused)!.body.title;
    await row.getByText(title).waitFor();
    await screenshot(page, 'deliveries');
    await row.getByRole('button', { name: '重试' }).click();
    await page.getByRole('status').getByText(`已重新投递“${title}”（第 1 次重试），状态转为待投递`).waitFor();
    await page.getByText('暂无记录').waitFor(); // no longer failed
    // The worker sends it again; the receiver takes it this time.
    const delivered = page.locator('tr').filter({ hasText: title });
    for (let tries = 0; !(await delivered.first().isVisible()); tries++) {
      if (tries > 60) throw new Error(`${title} was not delivered after 重试`);
      await page.getByText('待投递', { exact: true }).click();
      await page.getByText('已送达', { exact: true }).click();
      await page.waitForTimeout(500);
    }
    expect(sink.requests.filter((r) => r.body.id === refused).map((r) => r.status)).toEqual([410, 200]);
  });

  it('logged no browser console error but the one 409 asked for', () => {
    const unexpected = admin.errors.filter((e) => !STILL_PARKED.test(e));
    expect({ unexpected, refusals: unexpected.length ? admin.refusals : [] }).toEqual({ unexpected: [], refusals: [] });
    expect(admin.errors.filter((e) => STILL_PARKED.test(e))).toHaveLength(1);
  });
});
