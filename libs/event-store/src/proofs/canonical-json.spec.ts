import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, 'x', null, undefined], c: undefined, aa: { z: true, y: 1.5 } })).toBe(
      '{"a":[1,"x",null,null],"aa":{"y":1.5,"z":true},"b":1}',
    );
  });

  it('gives the same text for a value and its JSON round trip (what the database hands back)', () => {
    const value = { 名称: '网络信息系统', amount: 381419.84, at: new Date('2025-01-01T00:00:00Z'), list: [{ k: 'v' }] };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});
