import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ChangeDeclaration, type Change, type DeclarationView } from '@app/declarations';
import { AppError } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { envelopeOf, expectedVersionOf, reply } from './mutation-headers.js';

/** A malformed id cannot name a declaration: 404, like any id outside the caller's scope. */
export const declarationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError('NOT_FOUND', 'Declaration not found'),
});

export const IF_MATCH = { name: 'If-Match', required: true, description: 'The version you are changing (the ETag)' };
export const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A repeat returns the first answer',
};

/** Any change to an existing declaration: If-Match and Idempotency-Key in, status and ETag out. */
@Injectable()
export class DeclarationChanges {
  constructor(private readonly commands: CommandBus) {}

  async execute(
    actor: Actor,
    id: string,
    change: Change,
    request: Request,
    response: Response,
    body: unknown,
  ): Promise<DeclarationView> {
    const command = new ChangeDeclaration(actor, id, change, expectedVersionOf(request), envelopeOf(request, body));
    return reply(response, await this.commands.execute(command));
  }
}
