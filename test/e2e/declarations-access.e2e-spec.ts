import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Users } from '@app/identity';
import { useApi } from '../support/app.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

/** Every role trying what it must not. */
describe('who may do what with a declaration', () => {
  const api = useApi();
  let people: Record<string, ReturnType<typeof client>>;

  beforeAll(async () => {
    const tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  async function underReview(): Promise<string> {
    const created = await people.preparer!.create(soundBody()).expect(201);
    await people.preparer!.act(created.body.id, 'submit', 1).expect(200);
    return created.body.id as string;
  }

  it('asks for a token on every declaration route', async () => {
    const id = await underReview();
    const http = request(api.app.getHttpServer());
    await http.get(`/declarations/${id}`).expect(401);
    await http.post('/declarations').send(soundBody()).expect(401);
    await http.post(`/declarations/${id}/approve`).set('If-Match', '"2"').send({}).expect(401);
  });

  it('hides another unit’s declaration from a preparer: 404, not 403, so ids cannot be probed', async () => {
    const id = await underReview();
    for (const outsider of ['employment-preparer', 'other-preparer']) {
      const read = await people[outsider]!.get(id).expect(404);
      expect(read.body).toEqual({ code: 'NOT_FOUND', message: '申报表不存在', errors: [] });
      await people[outsider]!.act(id, 'withdraw', 2).expect(404);
      await people[outsider]!.checks(id).expect(404);
    }
    await people['other-preparer']!.get('00000000-0000-4000-8000-000000000000').expect(404);
    await people['other-preparer']!.get('not-a-uuid').expect(404);
  });

  it('hides another department’s declarations from its reviewers and signers', async () => {
    const id = await underReview();
    await people['other-reviewer']!.get(id).expect(404);
    await people['other-reviewer']!.act(id, 'approve', 2).expect(404);
    await people['other-signer']!.act(id, 'return', 2, '越权').expect(404);
  });

  it('keeps each reviewer to their own stage', async () => {
    const id = await underReview();
    const early = await people['bureau-signer']!.act(id, 'approve', 2).expect(403);
    expect(early.body.errors).toEqual([expect.objectContaining({ code: 'ACTOR_NOT_REVIEWER_OF_STAGE' })]);
    await people.finance!.act(id, 'approve', 2).expect(403);
    await people['dept-reviewer']!.act(id, 'approve', 2).expect(200);
    await people['dept-reviewer']!.act(id, 'approve', 3).expect(403);
  });

  it('lets an auditor read everything and write nothing', async () => {
    const id = await underReview();
    await people.auditor!.get(id).expect(200);
    await people.auditor!.checks(id).expect(200);
    await people.auditor!.create(soundBody()).expect(403);
    await people.auditor!.patch(id, 2, { annualGoal: '改' }).expect(403);
    for (const action of ['approve', 'return', 'reject', 'withdraw', 'submit', 'amend']) {
      const response = await people.auditor!.act(id, action, 2, '审计').expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
    const unchanged = await people.auditor!.get(id).expect(200);
    expect(unchanged.body.version).toBe(2);
  });

  it('never lets the submitter approve their own declaration, even after becoming a reviewer', async () => {
    const created = await people['second-preparer']!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    await people['second-preparer']!.act(id, 'submit', 1).expect(200);
    const users = api.app.get(Users);
    const submitter = (await users.list()).find((u) => u.username === 'second-preparer')!;
    await users.change(submitter.id, { role: 'department_reviewer', unitId: null, departmentId: 'sj-hrss' });
    const refused = await people['second-preparer']!.act(id, 'approve', 2).expect(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'SUBMITTER_MAY_NOT_REVIEW' })]);
  });

  it('lets only preparers (own unit) and admins draft; an admin names the unit', async () => {
    await people['dept-reviewer']!.create(soundBody()).expect(403);
    await people.finance!.create(soundBody()).expect(403);
    await people.preparer!.create(soundBody({ unit: 'sj-hrss-employment' })).expect(403);
    await people.preparer!.create(soundBody({ unit: '上海市松江区人力资源和社会保障局(本级)' })).expect(201);
    const byAdmin = await people.admin!.create(soundBody({ unit: '上海市松江区就业促进中心' })).expect(201);
    expect(byAdmin.body.unit.id).toBe('sj-hrss-employment');
    const unnamed = await people.admin!.create(soundBody()).expect(400);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ path: 'unit', code: 'REQUIRED' })]);
    const unknown = await people.admin!.create(soundBody({ unit: '不存在的单位' })).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'unit', code: 'UNKNOWN_UNIT' })]);
  });

  it('lets an admin edit a draft but not take it through the workflow', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    await people.admin!.patch(created.body.id, 1, { category: '特定目标类' }).expect(200);
    await people.admin!.act(created.body.id, 'submit', 2).expect(403);
  });
});
