import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import type { Projection } from './projection.js';
import { PROJECTIONS, ReadModelStatus } from './read-model-status.js';

/**
 * The read models a process keeps and reports on, as its app wires them: which projections run
 * is wiring, not the business of the libs that define them. Global, so every query that waits
 * for its read model and every status page see the same list.
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(projections: readonly Type<Projection>[]): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        ...projections,
        // Read models only: log consumers that act (schedule, deliver) are never rebuilt (LOG_CONSUMERS).
        { provide: PROJECTIONS, inject: [...projections], useFactory: (...all: Projection[]) => all },
        ReadModelStatus,
      ],
      exports: [PROJECTIONS, ReadModelStatus],
    };
  }
}
