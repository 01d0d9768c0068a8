import { CreateEventStore1764064800000 } from '@app/event-store';
import { CreateIdentity1764151200000 } from '@app/identity';

/** The one ordered history of the database schema; each lib owns its own migrations. */
export const SCHEMA_MIGRATIONS = [CreateEventStore1764064800000, CreateIdentity1764151200000];
