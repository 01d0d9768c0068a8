import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  ChangeDeclaration,
  DeclarationViews,
  GetDeclaration,
  mayRead,
  type Change,
  type CommandResult,
  type DeclarationView,
} from '@app/declarations';
import { AppError, say } from '@app/platform';
import { answerIn, languageOfRequest } from '../http/language.js';
import type { Actor } from '@app/identity/roles';
import { envelopeOf, expectedVersionOf, reply } from './mutation-headers.js';

/** A malformed id cannot name a declaration: 404, like any id outside the caller's scope. */
export const declarationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError('NOT_FOUND', say('declaration.notFound')),
});

/** Any change to a declaration: If-Match and Idempotency-Key in; status, ETag and the declaration out. */
@Injectable()
export class DeclarationChanges {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly views: DeclarationViews,
  ) {}

  async execute(
    actor: Actor,
    id: string,
    change: Change,
    request: Request,
    response: Response,
    body: unknown,
  ): Promise<DeclarationView> {
    const command = new ChangeDeclaration(actor, id, change, expectedVersionOf(request), envelopeOf(request, body));
    return this.answer(actor, await this.commands.execute(command), request, response, 200);
  }

  /**
   * The answer to a command, a repeat's included: the declaration as the command left it. A command
   * that appended hands back the state it folded (no read); anything else is read from the query
   * side at the version it reached.
   */
  async answer(
    actor: Actor,
    result: CommandResult,
    request: Request,
    response: Response,
    status: 200 | 201,
  ): Promise<DeclarationView> {
    const at = { version: result.version };
    const language = languageOfRequest(request);
    const made = result.declaration;
    const view =
      made && mayRead(actor, made)
        ? await this.views.of(made, result.version, language)
        : await this.queries.execute(new GetDeclaration(actor, result.declarationId, at, language));
    answerIn(response, language);
    reply(response, result, status);
    return view;
  }
}
