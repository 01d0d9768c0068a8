import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ConsoleServer, launchChromium, Person, screenshot } from '../support/browser.js';

describe('the budget office sets the year in the console', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let officer: Person;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await officer?.close();
    await browser?.close();
    await server?.stop();
  });

  it('lands on 年度设置, sees the missing holidays, changes a stage limit and sees who changed it', async () => {
    officer = await Person.open(browser, server);
    await officer.signIn('budget-officer');
    const page = officer.page;
    const year = new Date().getFullYear() + 1;
    await page.getByText(`${year}年度申报周期`).waitFor();
    if (year === 2027) await page.getByText('2027年节假日安排尚未录入，审核时限暂按周一至周五计算').waitFor();
    await screenshot(page, 'season');
    const limit = page.getByLabel('主管部门审核（工作日）');
    await limit.fill('2');
    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await page.getByText('预算科设置').waitFor();
    await page.getByRole('cell', { name: '演示·预算科（预算科）' }).waitFor();
    const token = await server.token('auditor');
    const response = await fetch(`${server.url}/admin/budget-years/${year}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { stageLimits: { departmental_review: number }; version: number };
    expect([body.stageLimits.departmental_review, body.version]).toEqual([2, 1]);
    expect(officer.errors).toEqual([]);
  });
});
