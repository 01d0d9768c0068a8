import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('the configuration', () => {
  it('works on a fresh machine of this kind with nothing set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    // Two local roles: the service role connects, the owner migrates, the superuser creates them.
    expect(config.database).toMatchObject({
      url: 'postgres://pta_service@127.0.0.1:5432/pta',
      ownerUrl: 'postgres://pta_owner@127.0.0.1:5432/pta',
      adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379/0');
    expect(config.database.migrationsRun).toBe(true);
    expect(config.auth.tokenSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads and types every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:secret@db:5432/pta',
      REDIS_URL: 'redis://cache:6380/2',
      TOKEN_SECRET: 'x'.repeat(40),
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'debug',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.migrationsRun).toBe(false);
    expect(config.redis.url).toBe('redis://cache:6380/2');
    expect(config.log.level).toBe('debug');
  });

  it('limits failed sign-ins by default, and lets the limits be set', () => {
    expect(loadConfig({}).auth.login).toEqual({ maxFailuresPerUsername: 5, maxFailuresPerIp: 20, windowSeconds: 900 });
    const config = loadConfig({
      LOGIN_MAX_FAILURES_PER_USERNAME: '3',
      LOGIN_MAX_FAILURES_PER_IP: '0',
      LOGIN_FAILURE_WINDOW_SECONDS: '60',
    });
    expect(config.auth.login).toEqual({ maxFailuresPerUsername: 3, maxFailuresPerIp: 0, windowSeconds: 60 });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL: must be a postgres:\/\/ URL/],
    ['REDIS_URL', 'not a url', /REDIS_URL/],
    ['TOKEN_SECRET', 'short', /TOKEN_SECRET: must be at least 32 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['MIGRATIONS_RUN', 'yes', /MIGRATIONS_RUN/],
    ['LOGIN_MAX_FAILURES_PER_USERNAME', '0', /LOGIN_MAX_FAILURES_PER_USERNAME/],
    ['LOGIN_FAILURE_WINDOW_SECONDS', 'soon', /LOGIN_FAILURE_WINDOW_SECONDS/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('requires a real token secret and a signing key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TOKEN_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SIGNING_KEY_FILE: required when NODE_ENV=production/);
  });

  it('makes a token secret of its own outside production, once, readable by the owner only', () => {
    const secrets = mkdtempSync(join(tmpdir(), 'pta-secrets-'));
    const first = loadConfig({ SECRETS_DIR: join(secrets, 'dir') });
    expect(first.auth.tokenSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(loadConfig({ SECRETS_DIR: join(secrets, 'dir') }).auth.tokenSecret).toBe(first.auth.tokenSecret);
    expect(statSync(join(secrets, 'dir', 'token-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ SECRETS_DIR: join(secrets, 'other') }).auth.tokenSecret).not.toBe(first.auth.tokenSecret);
    expect(first.secrets.signingKeyFile).toBe(join(secrets, 'dir', 'signing-key.pem'));
  });

  it('lists every bad variable at once', () => {
    const attempt = () => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(attempt).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
