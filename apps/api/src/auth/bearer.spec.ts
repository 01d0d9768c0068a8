import { describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@app/config';
import { bearerToken, TokenService } from './token.service.js';

describe('reading the Authorization header', () => {
  it('takes the token of a Bearer header, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'abc.def.ghi', 'Bearer a b'])(
    'finds no token in %p',
    (header) => {
      expect(bearerToken(header)).toBeNull();
    },
  );
});

describe('verifying a bearer token', () => {
  const config = { auth: { tokenSecret: 's'.repeat(32), tokenTtlSeconds: 60 } } as AppConfig;

  it('checks a token once, answers it from memory until it expires, then refuses it as expired', async () => {
    const tokens = new TokenService(config);
    const { accessToken } = await tokens.issue({ userId: 'u-1', credentialsVersion: 3 });
    const verify = jest.spyOn(JwtService.prototype, 'verifyAsync');
    try {
      expect(await tokens.subjectOf(accessToken)).toEqual({ userId: 'u-1', credentialsVersion: 3 });
      expect(await tokens.subjectOf(accessToken)).toEqual({ userId: 'u-1', credentialsVersion: 3 });
      expect(verify).toHaveBeenCalledTimes(1);
      const later = Date.now() + 61_000;
      jest.spyOn(Date, 'now').mockReturnValue(later);
      await expect(tokens.subjectOf(accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('never remembers a token that failed', async () => {
    const tokens = new TokenService(config);
    const { accessToken } = await tokens.issue({ userId: 'u-1', credentialsVersion: 1 });
    const forged = `${accessToken.slice(0, -2)}xx`;
    for (let i = 0; i < 2; i++)
      await expect(tokens.subjectOf(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
