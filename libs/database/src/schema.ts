import { CreateEventStore1764064800000 } from '@app/event-store';

/** The one ordered history of the database schema; each lib owns its own migrations. */
export const SCHEMA_MIGRATIONS = [CreateEventStore1764064800000];
