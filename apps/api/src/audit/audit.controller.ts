import { ROLES } from '@app/identity/roles';
import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditTrail, Checkpoints, type VerifyView } from '@app/audit';
import { KeyRing, LogTree, type PublicKeyView, type StoredCheckpoint } from '@app/event-store';
import { Roles } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import {
  checkpointMadeSchema,
  checkpointsViewSchema,
  consistencyProofSchema,
  inclusionProofSchema,
  keysViewSchema,
  verifyViewSchema,
} from './audit.responses.js';
import {
  consistencyQuerySchema,
  exportQuerySchema,
  inclusionQuerySchema,
  verifyQuerySchema,
  type ConsistencyQuery,
  type ExportQuery,
  type InclusionQuery,
  type VerifyQuery,
} from './audit.schemas.js';
import { sendTrail } from './trail-response.js';

/** The whole log, across every unit: auditors and admins only, and nothing here writes. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrail,
    private readonly keys: KeyRing,
    private readonly tree: LogTree,
    private readonly checkpoints: Checkpoints,
  ) {}

  @Get('keys')
  @Roles(...ROLES)
  @ApiOperation({ summary: '签名公钥 · The public keys that check checkpoints and receipts (every signed-in role)' })
  @Answers(200, keysViewSchema, 'The current key and every retired one still configured')
  @Fails(403)
  publicKeys(): { keys: PublicKeyView[] } {
    return { keys: this.keys.publicKeys() };
  }

  @Get('checkpoints')
  @ApiOperation({ summary: '签名检查点 · Every signed checkpoint (Merkle tree head) of the log, oldest first' })
  @Answers(200, checkpointsViewSchema, 'The checkpoints as signed')
  @Fails(403)
  async listCheckpoints(): Promise<{ checkpoints: StoredCheckpoint[] }> {
    return { checkpoints: await this.tree.checkpoints() };
  }

  @Post('checkpoints')
  @HttpCode(200)
  @ApiOperation({
    summary: '立即签名检查点 · Sign and publish a checkpoint now (when the log grew since the last one)',
  })
  @Answers(200, checkpointMadeSchema, 'The new checkpoint, or the latest when the log did not grow')
  @Fails(403)
  async makeCheckpoint(): Promise<{ created: boolean; checkpoint: StoredCheckpoint | null }> {
    const made = await this.checkpoints.make();
    return { created: made !== null, checkpoint: made ?? (await this.tree.latest()) };
  }

  @Get('proof/inclusion')
  @ApiOperation({ summary: '包含证明 · RFC 9162 audit path of one event in the tree of a signed checkpoint' })
  @QueryFrom(inclusionQuerySchema, {
    position: 'The event’s global position',
    treeSize: 'A signed checkpoint’s tree size',
  })
  @Answers(200, inclusionProofSchema, 'The path, the leaf and the checkpoint it leads to')
  @Fails(400, 403, 404)
  inclusion(@Query(validated(inclusionQuerySchema)) query: InclusionQuery) {
    return this.tree.inclusion(BigInt(query.position), query.treeSize);
  }

  @Get('proof/consistency')
  @ApiOperation({ summary: '一致性证明 · RFC 9162 proof that an earlier signed tree is a prefix of a later one' })
  @QueryFrom(consistencyQuerySchema, {
    from: 'The earlier checkpoint’s tree size',
    to: 'The later checkpoint’s tree size',
  })
  @Answers(200, consistencyProofSchema, 'Both checkpoints and the proof')
  @Fails(400, 403, 404)
  consistency(@Query(validated(consistencyQuerySchema)) query: ConsistencyQuery) {
    return this.tree.consistency(query.from, query.to);
  }

  @Get('verify')
  @ApiOperation({ summary: '校验哈希链 · Recompute the hash chains (all, or ?declarationId=); every broken link' })
  @QueryFrom(verifyQuerySchema)
  @Answers(200, verifyViewSchema, 'What was checked and what is broken')
  @Fails(400, 403)
  verify(@Query(validated(verifyQuerySchema)) query: VerifyQuery): Promise<VerifyView> {
    return this.trail.verify(query.declarationId);
  }

  @Get('export')
  @ApiOperation({ summary: '导出审计记录 · The trail, streamed as JSON lines or CSV (from inclusive, to exclusive)' })
  @QueryFrom(exportQuerySchema, { from: 'ISO time, inclusive', to: 'ISO time, exclusive' })
  @Answers(200, { file: ['application/x-ndjson', 'text/csv'] }, 'The trail as a download')
  @Fails(400, 403)
  async export(@Query(validated(exportQuerySchema)) query: ExportQuery, @Res() response: Response): Promise<void> {
    const range = {
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
    await sendTrail(response, query.format, this.trail.pages(range));
  }
}
