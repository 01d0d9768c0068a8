import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** The worker's module as built (`new URL('./x-worker.js', import.meta.url)`); see `workerScript`. */
  script: URL;
  /** Threads kept running: a fixed number, started at once. */
  size: number;
  /** A task still running after this long has its thread terminated (and replaced). */
  timeoutMs: number;
  /** Tasks that may wait for a thread; one more is refused with WorkerPoolBusyError. */
  maxQueued: number;
  resourceLimits?: ResourceLimits;
  /** Handed to every thread as `workerData`. */
  workerData?: unknown;
}

/** The task ran past the pool's time limit; its thread was terminated. */
export class WorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the task ran longer than ${timeoutMs} ms; its worker thread was terminated`);
    this.name = 'WorkerTimeoutError';
  }
}

/** The thread died under the task (out of memory, a crash) or the task threw. */
export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly outOfMemory = false,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

/** Every thread is busy and the queue is full. */
export class WorkerPoolBusyError extends Error {
  constructor() {
    super('every worker thread is busy and the queue is full');
    this.name = 'WorkerPoolBusyError';
  }
}

interface Task {
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The thread has loaded its module (it posted `{ ready: true }`): tasks are timed from here. */
  ready: boolean;
  task: (Task & { timer: NodeJS.Timeout }) | null;
}

/**
 * A fixed number of worker threads running one module, one task each at a time, so work that
 * grows with its input (parsing an upload) never runs on the event loop that answers requests.
 * The protocol: the worker posts `{ ready: true }` once its module is loaded; the pool posts
 * `{ id, input }`; the worker answers `{ id, ok: true, value }` or `{ id, ok: false, message }`. A task past `timeoutMs` gets its thread terminated (a stuck parse
 * cannot be interrupted any other way) and a fresh thread takes its place.
 */
export class WorkerPool<In, Out> {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly execArgv: string[];
  private readonly script: URL;
  private closed = false;
  private nextId = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    ({ script: this.script, execArgv: this.execArgv } = workerScript(options.script));
    for (let n = 0; n < options.size; n += 1) this.slots.push(this.spawn());
  }

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.queue.length >= this.options.maxQueued && !this.slots.some((slot) => slot.ready && slot.task === null)) {
      return Promise.reject(new WorkerPoolBusyError());
    }
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the worker pool is closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.task) {
          clearTimeout(slot.task.timer);
          slot.task.reject(new Error('the worker pool is closed'));
          slot.task = null;
        }
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      // A thread still loading its module takes no task: a task's time counts from a ready thread.
      if (!slot.ready || slot.task !== null) continue;
      const task = this.queue.shift();
      if (!task) return;
      const id = (this.nextId += 1);
      const timer = setTimeout(
        () => this.fail(slot, new WorkerTimeoutError(this.options.timeoutMs)),
        this.options.timeoutMs,
      );
      slot.task = { ...task, timer };
      // Held only while working: an idle pool never keeps a process from exiting.
      slot.worker.ref();
      slot.worker.postMessage({ id, input: task.input });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, {
      execArgv: this.execArgv,
      resourceLimits: this.options.resourceLimits,
      workerData: this.options.workerData,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null };
    worker.on('message', (answer: { ready?: true; ok?: boolean; value?: unknown; message?: string }) => {
      if (answer.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (!task) return;
      clearTimeout(task.timer);
      slot.task = null;
      worker.unref();
      if (answer.ok) task.resolve(answer.value);
      else task.reject(new WorkerTaskError(answer.message ?? 'the task failed'));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(slot, new WorkerTaskError(error.message, outOfMemory));
    });
    worker.on('exit', () => this.fail(slot, new WorkerTaskError('the worker thread exited')));
    return slot;
  }

  /** The slot's task fails with `error`; its thread is terminated and replaced. */
  private fail(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at === -1) return; // already replaced
    const task = slot.task;
    slot.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.reject(error);
    }
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (this.closed) return;
    if (slot.ready) {
      this.slots[at] = this.spawn();
      return;
    }
    // It died loading its module: try again in a while rather than in a tight loop.
    const retry = setTimeout(() => {
      if (!this.closed && this.slots[at] === slot) this.slots[at] = this.spawn();
    }, 1_000);
    retry.unref();
  }
}

/**
 * The module a thread runs: the built `.js`; from the TypeScript sources (under Jest, where the
 * `.js` does not exist) its `.ts` sibling, with the hooks that compile it
 * (config/jest/worker-source.js, SWC from the devDependencies).
 */
export function workerScript(built: URL): { script: URL; execArgv: string[] } {
  if (existsSync(built) || !built.pathname.endsWith('.js')) return { script: built, execArgv: [] };
  const source = new URL(built.href.replace(/\.js$/u, '.ts'));
  const hooks = new URL('../../../config/jest/worker-source.js', import.meta.url);
  if (!existsSync(source) || !existsSync(hooks)) return { script: built, execArgv: [] };
  return { script: source, execArgv: ['--import', fileURLToPath(hooks)] };
}
