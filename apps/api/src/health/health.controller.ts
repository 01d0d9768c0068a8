import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { Answers } from '../openapi/decorators.js';
import { describes } from '../openapi/same-shape.js';
import { Readiness, type ReadinessReport } from './readiness.js';

const up = z.enum(['up', 'down']);
const readinessSchema = describes<ReadinessReport>()(
  z.object({
    status: z.enum(['ok', 'unavailable']),
    down: z.array(z.enum(['postgres', 'redis'])),
    checks: z.object({ postgres: up, redis: up }),
    warnings: z.array(z.string()).meta({
      description:
        'Works, but someone should look: e.g. a budget year whose holidays are not entered (Monday–Friday meanwhile)',
    }),
  }),
);

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** The process is up and its event loop turns. */
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: '存活 · The process is up' })
  @Answers(200, z.object({ status: z.literal('ok') }), 'Up')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to serve: PostgreSQL and Redis answer. 503 names what is down. */
  @Get('ready')
  @ApiOperation({ summary: '就绪 · PostgreSQL and Redis answer (503 names what is down)' })
  @Answers(200, readinessSchema, 'Ready')
  @Answers(503, readinessSchema, 'Not ready: down names what did not answer')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
