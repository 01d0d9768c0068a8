import { describe, expect, it } from '@jest/globals';
import { FoldCache } from './fold-cache.js';

const at = (version: number) => ({ version, hash: `h${version}`, state: { version, nested: { list: [version] } } });

describe('folded states kept between reads of a stream', () => {
  it('starts a fold from the highest kept version at or below the one asked for', () => {
    const kept = new FoldCache<object>();
    kept.keep('s', at(100));
    kept.keep('s', at(200));
    kept.keep('s', at(250));
    expect(kept.nearest('s', 199)?.version).toBe(100);
    expect(kept.nearest('s', 250)?.version).toBe(250);
    expect(kept.nearest('s', 99)).toBeUndefined();
    expect(kept.nearest('other', 250)).toBeUndefined();
  });

  it('freezes what it keeps, so no reader can change a later answer', () => {
    const kept = new FoldCache<{ nested: { list: number[] } }>();
    kept.keep('s', at(1));
    const read = kept.nearest('s', 1)!.state;
    expect(() => read.nested.list.push(2)).toThrow(TypeError);
    expect(read.nested.list).toEqual([1]);
  });

  it('drops the state used least recently of a stream, and the stream read least recently', () => {
    const kept = new FoldCache<object>(2, 2);
    kept.keep('a', at(1));
    kept.keep('a', at(2));
    kept.nearest('a', 1);
    kept.keep('a', at(3));
    expect(kept.nearest('a', 2)?.version).toBe(1);
    kept.keep('b', at(1));
    kept.nearest('a', 3);
    kept.keep('c', at(1));
    expect(kept.nearest('b', 1)).toBeUndefined();
    expect(kept.nearest('a', 3)?.version).toBe(3);
  });

  it('forgets a stream whose log no longer matches', () => {
    const kept = new FoldCache<object>();
    kept.keep('s', at(5));
    kept.forget('s');
    expect(kept.nearest('s', 5)).toBeUndefined();
  });
});
