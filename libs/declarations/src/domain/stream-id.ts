/** The start of every declaration's stream id; `LIKE 'declaration-%'` in SQL is this plus `%`. */
export const DECLARATION_STREAM_PREFIX = 'declaration-';

/** A declaration's events are one stream in the log: `declaration-<id>`. */
export function declarationStreamId(declarationId: string): string {
  return `${DECLARATION_STREAM_PREFIX}${declarationId}`;
}

/** The declaration a stream holds, or null when it holds something else (a notice). */
export function declarationIdOf(streamId: string): string | null {
  return streamId.startsWith(DECLARATION_STREAM_PREFIX) ? streamId.slice(DECLARATION_STREAM_PREFIX.length) : null;
}
