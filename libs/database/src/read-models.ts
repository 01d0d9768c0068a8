import type { Type } from '@nestjs/common';
import { DeclarationsProjection } from '@app/declarations';
import { NoticesProjection } from '@app/notices';
import type { Projection } from '@app/projections';

/**
 * The read models kept from the log, over tables the schema's migrations create: the worker runs
 * them, the api and the cli report on them and rebuild them. Wiring, so it sits here with the
 * schema, above every lib that defines one; each app hands it to ProjectionsModule.forRoot.
 */
export const READ_MODELS: readonly Type<Projection>[] = [DeclarationsProjection, NoticesProjection];
