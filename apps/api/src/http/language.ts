import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { languageOf, type Language } from '@app/platform';

/** The reader's language: Chinese unless Accept-Language prefers English. */
export function languageOfRequest(request: Pick<Request, 'headers'> | undefined): Language {
  return languageOf(request?.headers?.['accept-language']);
}

/** Says in which language an answer's words are, as the error filter does for errors. */
export function answerIn(response: Response, language: Language): void {
  response.setHeader('Content-Language', language === 'en' ? 'en' : 'zh-CN');
}

/**
 * The language the route's answer is worded in (its findings); the answer says so in its
 * Content-Language header.
 */
export const ReaderLanguage = createParamDecorator((_: unknown, context: ExecutionContext): Language => {
  const http = context.switchToHttp();
  const language = languageOfRequest(http.getRequest<Request>());
  answerIn(http.getResponse<Response>(), language);
  return language;
});
