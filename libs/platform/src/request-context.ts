import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line or an event's metadata needs to know about the request it belongs to. */
export interface RequestContext {
  correlationId: string;
  actorId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
