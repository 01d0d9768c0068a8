import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { choose, ConsoleServer, eventually, launchChromium, Person, screenshot } from '../support/browser.js';
import { soundBody } from '../support/declarations.js';

const NETWORK = '网络信息系统运行与维护';
const TRAINING = '业务培训';
const EMPLOYMENT = '就业援助';
const SIGNED = '劳动关系共建';

/** Waits for the inbox's answer to a query holding `part`: the filter went to the server. */
function asked(page: Page, part: string) {
  return page.waitForResponse((r) => r.url().includes('/inbox?') && r.url().includes(part) && r.ok());
}

async function rows(page: Page): Promise<string[]> {
  return page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allTextContents();
}

/** The table once it shows exactly `names`, in that order. */
async function showing(page: Page, names: string[]): Promise<void> {
  for (let tries = 0; ; tries++) {
    const now = await rows(page);
    if (JSON.stringify(now) === JSON.stringify(names)) return;
    if (tries > 100) expect(now).toEqual(names);
    await page.waitForTimeout(100);
  }
}

describe('the inbox’s filters and sorting, answered by the server', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let reviewer: Person;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    browser = await launchChromium();
    await server.call('admin', 'POST', '/users', {
      username: 'employment-preparer',
      password: 'employment-preparer-demo',
      role: 'preparer',
      unitId: 'sj-hrss-employment',
      displayName: '就业促进中心·填报人',
    });
    // Submitted one after the other: the order they arrive in.
    const declare = async (who: string, body: Record<string, unknown>) => {
      const created = await server.call(who, 'POST', '/declarations', soundBody(body));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await server.call(who, 'POST', `/declarations/${id}/submit`, {}, { 'If-Match': '"1"' })).status).toBe(
        200,
      );
      return id;
    };
    await declare('preparer', { projectName: NETWORK });
    await declare('preparer', {
      projectName: TRAINING,
      year: 2026,
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    });
    await declare('employment-preparer', { projectName: EMPLOYMENT });
    const signed = await declare('preparer', { projectName: SIGNED });
    const approved = await server.call(
      'dept-reviewer',
      'POST',
      `/declarations/${signed}/approve`,
      { comment: '同意' },
      {
        'If-Match': '"2"',
      },
    );
    expect(approved.status).toBe(200);
  });

  afterAll(async () => {
    await reviewer?.close();
    await browser?.close();
    await server?.stop();
  });

  it('filters by year, unit tree, state and text, and sorts, through the screen', async () => {
    reviewer = await Person.open(browser, server);
    await reviewer.signIn('dept-reviewer');
    const page = reviewer.page;
    await page.goto(`${server.url}/console/inbox`);
    await eventually(page, page.getByRole('link', { name: EMPLOYMENT, exact: true }));
    await showing(page, [NETWORK, TRAINING, EMPLOYMENT]);
    await page.getByRole('tab', { name: '待办（3）' }).waitFor();

    const year = asked(page, 'year=2026');
    await choose(page, '预算年度', '2026 年度');
    await year;
    await showing(page, [TRAINING]);
    // The counts are of the filtered queues.
    await page.getByRole('tab', { name: '待办（1）' }).waitFor();
    await page.getByRole('tab', { name: '已办（0）' }).waitFor();
    await screenshot(page, 'inbox-filters');

    await page.goto(`${server.url}/console/inbox`);
    const unit = asked(page, 'unit=sj-hrss-employment');
    await page.getByLabel('单位', { exact: true }).click();
    await page.locator('.ant-select-tree-node-content-wrapper[title="上海市松江区就业促进中心"]').click();
    await unit;
    await showing(page, [EMPLOYMENT]);
    await page.goto(`${server.url}/console/inbox?year=2025`);
    await showing(page, [NETWORK, EMPLOYMENT]);
    const department = asked(page, 'department=sj-hrss');
    await page.getByLabel('单位', { exact: true }).click();
    await page.locator('.ant-select-tree-node-content-wrapper[title="上海市松江区人力资源和社会保障局"]').click();
    await department;
    // A department is all its units; the year chosen before still holds.
    await showing(page, [NETWORK, EMPLOYMENT]);

    const text = asked(page, `q=${encodeURIComponent('援助')}`);
    await page.getByLabel('搜索', { exact: true }).fill('援助');
    await page.getByLabel('搜索', { exact: true }).press('Enter');
    await text;
    await showing(page, [EMPLOYMENT]);

    await page.goto(`${server.url}/console/inbox`);
    await showing(page, [NETWORK, TRAINING, EMPLOYMENT]);
    const sorted = asked(page, 'sort=arrivedAt&order=desc');
    await choose(page, '排序', '到达时间（后到在前）');
    await sorted;
    await showing(page, [EMPLOYMENT, TRAINING, NETWORK]);
    // A reload keeps the filters: they are in the address.
    await page.reload();
    await showing(page, [EMPLOYMENT, TRAINING, NETWORK]);

    await page.getByRole('tab', { name: /已办/ }).click();
    await showing(page, [SIGNED]);
    const state = asked(page, 'state=draft');
    await choose(page, '状态', '草稿');
    await state;
    await page.getByText('没有符合条件的事项').waitFor();
    const signoff = asked(page, 'state=bureau_signoff');
    await choose(page, '状态', '局领导审签');
    await signoff;
    await showing(page, [SIGNED]);
    expect(reviewer.errors).toEqual([]);
  });
});
