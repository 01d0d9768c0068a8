import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Users, type ChangedBy } from '@app/identity';
import { useApi } from '../support/app.js';
import { bearer, signIn } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

const PASSWORD = 'separation-password';
/** Who the test's own set-up users are created by. */
const SYSTEM: ChangedBy = { userId: 'system:test', role: 'system' };

/**
 * The gaps an adversarial run found (issue 11): after a change of role, (a) who drafted and edited
 * a declaration approved it, (b) who submitted a withdrawn or returned submission approved the
 * colleague's resubmission, (c) an admin who edited a draft approved it as a reviewer. Each is now
 * refused with its code, decided from the declaration's own events.
 */
describe('separation of duties, whatever roles people hold by the time they act', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  let serial = 0;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  /** A new user of the bureau's own unit (or an admin), signed in. */
  async function person(role: 'preparer' | 'admin') {
    const users = api.app.get(Users);
    const username = `sod-${role}-${++serial}`;
    const unitId = role === 'preparer' ? 'sj-hrss-bureau' : null;
    const user = await users.create({ username, password: PASSWORD, role, unitId }, SYSTEM);
    return { id: user.id, username, as: client(api.app, await signIn(api.app, username, PASSWORD)) };
  }

  /** An admin makes them a department reviewer of the declaration's department; they sign in again. */
  async function madeReviewer(who: { id: string; username: string }) {
    const change = { role: 'department_reviewer', departmentId: 'sj-hrss' };
    await http().patch(`/users/${who.id}`).set(bearer(tokens.admin!)).send(change).expect(200);
    return client(api.app, await signIn(api.app, who.username, PASSWORD));
  }

  const refusal = (response: request.Response): [number, unknown] => {
    const body = response.body as { errors?: { code: string }[] };
    return [response.status, body.errors?.[0]?.code];
  };

  it('(a) refuses who drafted and edited it, though a colleague submitted it', async () => {
    const drafter = await person('preparer');
    const colleague = await person('preparer');
    const id = (await drafter.as.create(soundBody()).expect(201)).body.id as string;
    await drafter.as.patch(id, 1, { annualGoal: '完成年度培训任务' }).expect(200);
    await colleague.as.act(id, 'submit', 2).expect(200);
    const reviewer = await madeReviewer(drafter);
    expect(refusal(await reviewer.act(id, 'approve', 3))).toEqual([403, 'AUTHOR_MAY_NOT_REVIEW']);
    expect(refusal(await reviewer.act(id, 'return', 3, '退回'))).toEqual([403, 'AUTHOR_MAY_NOT_REVIEW']);
    // Someone who had no part in it may (the inbox's SQL is proved equal: inbox-guards.int-spec.ts).
    await client(api.app, tokens['dept-reviewer']!).act(id, 'approve', 3).expect(200);
  });

  it('(b) refuses who submitted a withdrawn submission of the same revision', async () => {
    const first = await person('preparer');
    const colleague = await person('preparer');
    const id = (await colleague.as.create(soundBody()).expect(201)).body.id as string;
    await first.as.act(id, 'submit', 1).expect(200);
    await first.as.act(id, 'withdraw', 2).expect(200);
    await colleague.as.act(id, 'submit', 3).expect(200);
    const reviewer = await madeReviewer(first);
    expect(refusal(await reviewer.act(id, 'approve', 4))).toEqual([403, 'SUBMITTER_MAY_NOT_REVIEW']);
  });

  it('(b) refuses who submitted a returned submission of the same revision', async () => {
    const first = await person('preparer');
    const colleague = await person('preparer');
    const id = (await colleague.as.create(soundBody()).expect(201)).body.id as string;
    await first.as.act(id, 'submit', 1).expect(200);
    await client(api.app, tokens['dept-reviewer']!).act(id, 'return', 2, '请补充依据').expect(200);
    await colleague.as.act(id, 'submit', 3).expect(200);
    const reviewer = await madeReviewer(first);
    expect(refusal(await reviewer.act(id, 'approve', 4))).toEqual([403, 'SUBMITTER_MAY_NOT_REVIEW']);
  });

  it('(c) refuses an admin who edited a draft: they cannot make themselves its reviewer, nor review it when made one', async () => {
    const admin = await person('admin');
    const preparer = await person('preparer');
    const id = (await preparer.as.create(soundBody()).expect(201)).body.id as string;
    await admin.as.patch(id, 1, { annualGoal: '管理员改写的目标' }).expect(200);
    await preparer.as.act(id, 'submit', 2).expect(200);
    const self = await http()
      .patch(`/users/${admin.id}`)
      .set(bearer(await signIn(api.app, admin.username, PASSWORD)))
      .send({ role: 'department_reviewer', departmentId: 'sj-hrss' });
    expect(refusal(self)).toEqual([403, 'ADMIN_MAY_NOT_CHANGE_OWN_ACCESS']);
    const reviewer = await madeReviewer(admin); // by another admin, and recorded
    expect(refusal(await reviewer.act(id, 'approve', 3))).toEqual([403, 'AUTHOR_MAY_NOT_REVIEW']);
  });
});
