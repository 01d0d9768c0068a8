import type { Stage } from '../domain/index.js';
import type { ReturnOpinion } from '../projections/declaration-rows.js';
import { toItem, type ListItem, type Row } from './list-items.js';

export interface InboxItem extends ListItem {
  /** When it arrived in the state it waits in. */
  arrivedAt: string;
  /** Set once deadlines exist. */
  dueAt: string | null;
  /** Who returned it (`by` their id, `byName` their name), with the 审核意见 per row: what to fix. */
  lastReturn: {
    stage: Stage;
    reason: string;
    by: string;
    byName: string | null;
    at: string;
    opinions: ReturnOpinion[];
  } | null;
  /** For `handled`: what the caller did last, and when. */
  myLastAction: { action: string; stage: Stage | null; at: string } | null;
}

export interface InboxRow {
  due_at: Date | null;
  returned_by: string | null;
  returned_at: Date | null;
  returned_stage: Stage | null;
  return_reason: string | null;
  return_opinions: ReturnOpinion[] | null;
  my_action: string | null;
  my_stage: Stage | null;
  my_at: Date | null;
}

export function toInboxItem(row: Row & InboxRow): InboxItem {
  const item = toItem(row);
  return {
    ...item,
    arrivedAt: item.stageEnteredAt,
    dueAt: row.due_at?.toISOString() ?? null,
    lastReturn:
      row.returned_at && row.returned_stage
        ? {
            stage: row.returned_stage,
            reason: row.return_reason ?? '',
            by: row.returned_by ?? '',
            byName: null,
            at: row.returned_at.toISOString(),
            opinions: row.return_opinions ?? [],
          }
        : null,
    myLastAction: row.my_action ? { action: row.my_action, stage: row.my_stage, at: row.my_at!.toISOString() } : null,
  };
}
