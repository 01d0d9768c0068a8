import { randomUUID } from 'node:crypto';

/** Identity comes in from outside, like time, so tests can predict it. */
export abstract class IdGenerator {
  abstract next(): string;
}

export class RandomIdGenerator extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}

export class SequentialIdGenerator extends IdGenerator {
  private counter = 0;
  constructor(private readonly prefix = 'id') {
    super();
  }
  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
