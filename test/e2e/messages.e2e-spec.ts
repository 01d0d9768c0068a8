import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DeclarationsProjection } from '@app/declarations';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';
import { catchUpFully } from '../support/read-models.js';

/** Every message a person reads is Chinese, unless they ask for English; codes never change. */
describe('messages in the reader’s language', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  it('refuses a wrong password in Chinese by default and in English on Accept-Language: en', async () => {
    const zh = await http().post('/auth/token').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码不正确', errors: [] });
    const en = await http()
      .post('/auth/token')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .send({ username: 'admin', password: 'wrong-password' })
      .expect(401);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toEqual({ code: 'UNAUTHENTICATED', message: 'Wrong username or password', errors: [] });
  });

  it('names the role in words when it may not act, and each bad field in Chinese', async () => {
    const refused = await client(api.app, tokens.auditor!).create(soundBody()).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(refused.body.message).toContain('审计人员');
    expect(refused.body.message).not.toMatch(/auditor/);

    const blank = await client(api.app, tokens.preparer!)
      .create(soundBody({ projectName: '   ', year: 'x' }))
      .expect(400);
    expect(blank.body.message).toBe('请求中有字段不正确');
    expect(blank.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'projectName', code: 'TOO_SHORT', message: '不能为空' },
        { path: 'year', code: 'INVALID_TYPE', message: '类型不正确' },
      ]),
    );
    const english = await client(api.app, tokens.preparer!)
      .create(soundBody({ projectName: '   ' }), { 'Accept-Language': 'en' })
      .expect(400);
    expect(english.body.errors).toEqual([{ path: 'projectName', code: 'TOO_SHORT', message: 'Must not be blank' }]);
  });

  it('says why a workflow step is refused, with the action and the state in words', async () => {
    const preparer = client(api.app, tokens.preparer!);
    const created = await preparer.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const illegal = await client(api.app, tokens['dept-reviewer']!).act(id, 'approve', 1).expect(409);
    expect(illegal.body).toMatchObject({
      code: 'DECLARATION_ILLEGAL_TRANSITION',
      message: '申报表为“草稿”，不能审核通过',
    });
    const submitted = await preparer.act(id, 'submit', 1).expect(200);
    const other = await client(api.app, tokens['bureau-signer']!).act(id, 'approve', submitted.body.version);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('您不能审核通过此申报表');
    expect(other.body.errors).toEqual([
      { path: '', code: 'ACTOR_NOT_REVIEWER_OF_STAGE', message: '您不是主管部门审核阶段负责此申报表的审核人' },
    ]);
    // Who returned it is named, in the declaration and in the preparer's inbox, not left as an id.
    await client(api.app, tokens['dept-reviewer']!).act(id, 'return', submitted.body.version, '请补充').expect(200);
    const returned = await preparer.get(id).expect(200);
    expect(returned.body.people[returned.body.workflow.lastReturn.by]).toBe('演示·主管部门审核');
    await catchUpFully(api.app.get(DataSource), new DeclarationsProjection());
    const inbox = await http().get('/inbox?queue=returned').set(bearer(tokens.preparer!)).expect(200);
    const item = inbox.body.items.find((i: { id: string }) => i.id === id);
    expect(item.lastReturn).toMatchObject({ by: returned.body.workflow.lastReturn.by, byName: '演示·主管部门审核' });
  });

  it('answers a route that does not exist in Chinese too', async () => {
    const missing = await http().get('/no-such-route').set(bearer(tokens.admin!)).expect(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: '未找到', errors: [] });
  });
});
