import type { z } from 'zod';

/** What JSON makes of a type: a Date goes out as its ISO string. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? Json<E>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

type Strip<T> = T extends readonly (infer E)[] ? Strip<E>[] : T extends object ? { [K in keyof T]: Strip<T[K]> } : T;
type Same<A, B> = [Strip<A>] extends [Strip<B>] ? ([Strip<B>] extends [Strip<A>] ? true : false) : false;

/**
 * A response schema that describes exactly what the code answers with: the compiler rejects a
 * schema whose output differs from `T` as JSON (a field missing, extra, or of another type),
 * so the document cannot drift from the libs' view types.
 *
 *   export const userSchema = describes<UserView>()(z.object({ … }));
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S & (Same<z.output<S>, Json<T>> extends true ? unknown : { mismatch: T })): S =>
    schema;
}
