import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A secret kept in a file: read when it exists, otherwise made by `create` and written with mode
 * 0600 (its folder 0700), never overwritten. Only outside production: there every secret is
 * provided. Two processes starting at once both end up reading the one that was written first.
 */
export function fileSecret(path: string, create: () => string): { value: string; created: boolean } {
  try {
    return { value: readFileSync(path, 'utf8'), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, create(), { mode: 0o600, flag: 'wx' });
    return { value: readFileSync(path, 'utf8'), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: readFileSync(path, 'utf8'), created: false };
  }
}

/** 48 random bytes as base64url: a token secret nobody else has. */
export const randomSecret = (): string => randomBytes(48).toString('base64url');
