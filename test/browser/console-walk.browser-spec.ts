import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { choose, ConsoleServer, eventually, launchChromium, Person, screenshot } from '../support/browser.js';
import { formsOfUnits } from '../support/forms.js';

/** A form of that unit whose second indicator has no target: a blocking finding to fix. */
const PROJECT = '业务培训';
const REASON = '请补充培训人次的年度指标值';
const OPINION = '培训人次偏少，请按上年实际调整';
/** A second form of the unit, imported by mistake: discarded (作废). */
const DUPLICATE = '工伤鉴定';
/** Another of the unit's drafts, which stays listed. */
const OTHER_DRAFT = '编外人员工作经费';

async function openFromList(page: Page, tab: string | null, shot?: string): Promise<void> {
  if (tab) await page.getByRole('tab', { name: new RegExp(tab) }).click();
  const link = page.getByRole('link', { name: PROJECT, exact: true });
  await eventually(page, link);
  if (shot) await screenshot(page, shot);
  await link.first().click();
  await page.getByRole('tab', { name: /申报表/ }).waitFor();
}

async function act(page: Page, action: string, comment?: string): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  // The comment's box, not a row's 审核意见 box: 退回原因, 作废原因 … or 意见.
  if (comment) await dialog.getByLabel(/原因$|^意见$/).fill(comment);
  await dialog.getByRole('button', { name: `确认${action}` }).click();
}

async function state(page: Page, label: string): Promise<void> {
  await page.locator('.ant-descriptions').getByText(label, { exact: true }).first().waitFor();
}

describe('the console, through the screens only', () => {
  let server: ConsoleServer;
  let browser: Browser;
  const people: Person[] = [];
  const person = async (username: string, locale?: string) => {
    const p = await Person.open(browser, server, locale);
    people.push(p);
    await p.signIn(username);
    return p;
  };

  beforeAll(async () => {
    server = await ConsoleServer.start();
    browser = await launchChromium();
    const admin = await server.token('admin');
    for (const user of [
      { username: 'ss-preparer', role: 'preparer', unitId: 'sj-hrss-social-security', displayName: '社保中心·填报人' },
      {
        username: 'dept-reviewer-2',
        role: 'department_reviewer',
        departmentId: 'sj-hrss',
        displayName: '主管部门·第二审核人',
      },
    ]) {
      await fetch(`${server.url}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ ...user, password: `${user.username}-demo` }),
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in by keyboard alone and shows the name and role at 1366×768', async () => {
    const p = await Person.open(browser, server);
    people.push(p);
    await p.page.goto(`${server.url}/console/inbox`);
    await p.page.getByRole('button', { name: '登录' }).waitFor();
    await screenshot(p.page, 'login');
    await p.page.keyboard.type('dept-reviewer'); // the username field has the focus
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('dept-reviewer-demo');
    await p.page.keyboard.press('Enter');
    await expect(p.page.getByTestId('who').textContent()).resolves.toContain('主管部门审核');
    expect(new URL(p.page.url()).pathname).toBe('/console/inbox'); // back where the deep link pointed
    await p.close();
  });

  it('lets a preparer import the unit’s 2025 file, fix the blocking finding in the editor and submit', async () => {
    // A browser set to English: the findings the server words still come in Chinese, as the console is.
    const p = await person('ss-preparer', 'en-US');
    const file = join(tmpdir(), `pta-browser-${process.pid}.txt`);
    writeFileSync(
      file,
      formsOfUnits((unit) => unit.includes('社会保障服务中心')),
    );
    await p.page.getByRole('menuitem', { name: '导入申报表' }).click();
    await p.page.locator('input[type=file]').setInputFiles(file);
    await p.page.getByText(/导入完成/).waitFor({ timeout: 60_000 });
    await screenshot(p.page, 'import');
    await p.page.getByRole('link', { name: PROJECT, exact: true }).click();
    await p.page
      .getByText(/强制性审核问题 1 项/)
      .first()
      .waitFor();
    await screenshot(p.page, 'editor');
    // The blocking one: the row without a target (another row carries a warning the reader gave).
    const row = p.page.locator('tr').filter({ has: p.page.locator('[data-cell-error*="没有年度指标值"]') });
    await row.scrollIntoViewIfNeeded();
    await screenshot(p.page, 'indicators');
    await row.getByRole('button', { name: '编辑' }).click();
    const dialog = p.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /定量/ }).check();
    await dialog.getByLabel('指标数值').fill('300');
    await dialog.getByLabel('计量单位').fill('人次');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.page.getByText('已保存指标').first().waitFor();
    await p.page
      .getByText(/强制性审核问题/)
      .first()
      .waitFor({ state: 'detached' });
    await act(p.page, '送审');
    await state(p.page, '主管部门审核');
    await p.signOut();
  });

  it('lets the preparer discard a form imported by mistake (作废): it leaves the list', async () => {
    const p = await person('ss-preparer');
    const duplicate = p.page.getByRole('link', { name: DUPLICATE, exact: true });
    await eventually(p.page, duplicate);
    await duplicate.first().click();
    await p.page.getByRole('tab', { name: /申报表/ }).waitFor();
    await act(p.page, '作废', '重复导入');
    await state(p.page, '已作废');
    await p.page.getByText('重复导入').first().waitFor();
    await expect(p.page.getByRole('button', { name: '送审', exact: true }).count()).resolves.toBe(0);
    await p.page.goBack();
    await eventually(p.page, p.page.getByRole('link', { name: OTHER_DRAFT, exact: true }));
    // The list is read from the read model: it may take a moment to leave the discarded form out.
    for (let tries = 0; (await duplicate.count()) > 0; tries++) {
      if (tries > 20) throw new Error(`${DUPLICATE} is still listed after it was discarded`);
      await p.page.waitForTimeout(500);
      await p.page.reload();
      await eventually(p.page, p.page.getByRole('link', { name: OTHER_DRAFT, exact: true }));
    }
    await p.signOut();
  });

  it('lets the department reviewer return it from the inbox with a reason', async () => {
    const p = await person('dept-reviewer');
    await openFromList(p.page, '待办');
    await screenshot(p.page, 'review');
    await p.page.getByRole('button', { name: '退回', exact: true }).click();
    const dialog = p.page.getByRole('dialog');
    await dialog
      .getByTestId('opinion-rows')
      .locator('tr')
      .filter({ hasText: '300(人次)' })
      .getByRole('textbox')
      .fill(OPINION);
    await choose(p.page, '评审等级', '中', dialog);
    await dialog.getByLabel('退回原因').fill(REASON);
    await screenshot(p.page, 'review-opinions');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await state(p.page, '草稿');
    await p.signOut();
  });

  it('shows the preparer the reason; a row is fixed and the form submitted again', async () => {
    const p = await person('ss-preparer');
    await p.page.getByRole('tab', { name: /被退回/ }).click();
    await eventually(p.page, p.page.getByText(REASON));
    await p.page.getByTestId('return-opinion').getByText(OPINION).waitFor();
    await screenshot(p.page, 'returned');
    await openFromList(p.page, null);
    await p.page.getByText(REASON).first().waitFor();
    const row = p.page.locator('tr').filter({ hasText: '300(人次)' });
    await row.getByText(OPINION).waitFor(); // the reviewer's opinion, on its row of the editor
    await row.getByRole('button', { name: '编辑' }).click();
    await p.page.getByRole('dialog').getByLabel('指标数值').fill('320');
    await p.page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await p.page.getByText('320(人次)').waitFor();
    await act(p.page, '送审');
    await state(p.page, '主管部门审核');
  });

  it('refuses a second reviewer acting on a stale page, and says so', async () => {
    const first = await person('dept-reviewer');
    const second = await person('dept-reviewer-2');
    await openFromList(first.page, '待办');
    await openFromList(second.page, '待办');
    await first.page.getByText('退回后的修改').waitFor();
    await first.page.getByTestId('diff').getByText('320(人次)').first().waitFor();
    await screenshot(first.page, 'review-diff');
    await act(first.page, '通过', '同意');
    await state(first.page, '局领导审签');
    await act(second.page, '退回', '第二位审核人的退回');
    await second.page.getByText('此表已被他人修改，请刷新后重试').waitFor();
    await screenshot(second.page, 'stale');
    await second.page.getByRole('button', { name: '刷新' }).click();
    await state(second.page, '局领导审签');
  });

  it('brings it to 已批复 by the signer and the finance bureau, each from their inbox', async () => {
    for (const [username, next] of [
      ['bureau-signer', '财政确认'],
      ['finance', '已批复'],
    ] as const) {
      const p = await person(username);
      await openFromList(p.page, '待办', username === 'finance' ? 'inbox' : undefined);
      await act(p.page, '通过', '同意');
      await state(p.page, next);
    }
  });

  it('shows the auditor every step and an intact record, with no write button anywhere', async () => {
    const p = await person('auditor');
    await screenshot(p.page, 'audit');
    await p.page.getByRole('button', { name: '校验全部记录' }).click();
    await p.page
      .getByTestId('verify-result')
      .getByText(/记录完整/)
      .waitFor();
    await p.page.getByRole('link', { name: PROJECT, exact: true }).first().click();
    await p.page.getByRole('tab', { name: '历史记录' }).click();
    const history = p.page.getByTestId('history');
    for (const step of ['送审', '退回', '主管部门审核通过', '局领导审签通过', '财政确认（已批复）']) {
      await history.getByText(step, { exact: true }).first().waitFor();
    }
    await history.getByText(REASON).first().waitFor();
    await history.getByText(`审核意见（`).first().waitFor();
    await history.getByText('评审等级：中').waitFor();
    await history.getByText(/哈希/).first().waitFor();
    await screenshot(p.page, 'history');
    for (const write of ['送审', '通过', '退回', '驳回', '保存基本信息', '添加指标', '发起调整', '作废']) {
      await expect(p.page.getByRole('button', { name: write, exact: true }).count()).resolves.toBe(0);
    }
  });

  it('shows the auditor, in Chinese, an event edited around the service', async () => {
    // As a superuser would: the append-only trigger bypassed, the drafted project renamed.
    await server.sql(`SET session_replication_role = replica;
      UPDATE events SET data = jsonb_set(data, '{content,projectName}', '"伪造的项目"')
       WHERE type = 'DeclarationDrafted' AND data->'content'->>'projectName' = '${PROJECT}'`);
    const p = await person('auditor');
    await p.page.getByRole('button', { name: '校验全部记录' }).click();
    const result = p.page.getByTestId('verify-result');
    await result.getByText(/记录不完整/).waitFor();
    await result
      .getByText(/内容与哈希不符（被改动）（hash_mismatch）/)
      .first()
      .waitFor();
  });

  it('gives the admin the users and the read models', async () => {
    const p = await person('admin');
    await p.page.getByRole('cell', { name: 'ss-preparer', exact: true }).waitFor();
    await screenshot(p.page, 'users');
    await p.page.getByRole('menuitem', { name: '读模型' }).click();
    await p.page.getByRole('cell', { name: 'declarations', exact: true }).waitFor();
    await screenshot(p.page, 'read-models');
  });

  it('logged no browser console error on any page', () => {
    // Chromium logs every 4xx answer as an error; the one 412 is the stale write provoked above.
    const expected = /Failed to load resource: .* 412 \(Precondition Failed\)/;
    const unexpected = people.flatMap((p) => p.errors).filter((e) => !expected.test(e));
    // The refusals say which requests those were.
    expect({ unexpected, refusals: unexpected.length ? people.flatMap((p) => p.refusals) : [] }).toEqual({
      unexpected: [],
      refusals: [],
    });
  });
});
