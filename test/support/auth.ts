import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_USERS, seedIdentity } from '@app/identity';
import { EventStore } from '@app/event-store';

/** The organisations and demo users, in the test's own database. */
export async function seedDemo(app: NestExpressApplication): Promise<void> {
  await seedIdentity(app.get(DataSource), 'test', app.get(EventStore));
}

export async function signIn(app: NestExpressApplication, username: string, password: string): Promise<string> {
  const response = await request(app.getHttpServer()).post('/auth/token').send({ username, password }).expect(200);
  return (response.body as { accessToken: string }).accessToken;
}

/** A bearer token for each demo user, by username (`admin`, `preparer`, `dept-reviewer`, ...). */
export async function demoTokens(app: NestExpressApplication): Promise<Record<string, string>> {
  const tokens = await Promise.all(DEMO_USERS.map((u) => signIn(app, u.username, u.password)));
  return Object.fromEntries(DEMO_USERS.map((u, i) => [u.username, tokens[i]!]));
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
