import { describe, expect, it } from '@jest/globals';
import { bearerToken } from './token.service.js';

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
