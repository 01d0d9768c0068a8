import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** The worker's module as built (`new URL('./x-worker.js', import.meta.url)`); see `workerScript`. */
  script: URL;
  /** At most this many threads: all started with the pool (the first tasks find them ready), later ones when a task needs them. */
  size: number;
  /**
   * A thread idle this long is ended (default 30 s): two idle reading threads hold about 70 MB,
   * which an API that reads a file now and then need not keep. The next task starts one again.
   */
  idleMs?: number;
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
  /** Set while the thread waits for a task: when it fires, the thread is ended. */
  idle: NodeJS.Timeout | null;
}

/**
 * Up to `size` worker threads running one module, one task each at a time, so work that grows
 * with its input (parsing an upload) never runs on the event loop that answers requests. Threads
 * end after `idleMs` without a task and start again when tasks need them.
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

  /** Threads running now (idle ones included). */
  get threads(): number {
    return this.slots.length;
  }

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    // Tasks beyond those a thread (running, starting or yet to start) will take at once wait in line.
    const free = this.options.size - this.slots.length + this.slots.filter((slot) => slot.task === null).length;
    if (this.queue.length - free >= this.options.maxQueued) return Promise.reject(new WorkerPoolBusyError());
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve: resolve as (value: unknown) => void, reject });
      this.grow();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the worker pool is closed'));
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        if (slot.idle) clearTimeout(slot.idle);
        if (slot.task) {
          clearTimeout(slot.task.timer);
          slot.task.reject(new Error('the worker pool is closed'));
          slot.task = null;
        }
        await slot.worker.terminate();
      }),
    );
  }

  /** Starts threads for the tasks that no thread, running or starting, is free to take. */
  private grow(): void {
    const free = this.slots.filter((slot) => slot.task === null).length;
    for (let n = free; n < this.queue.length && this.slots.length < this.options.size; n += 1) {
      this.slots.push(this.spawn());
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      // A thread still loading its module takes no task: a task's time counts from a ready thread.
      if (!slot.ready || slot.task !== null) continue;
      const task = this.queue.shift();
      if (!task) break;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
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
    for (const slot of this.slots) if (slot.ready && slot.task === null && !slot.idle) this.idleOut(slot);
  }

  /** Ends the thread if it is still without a task after idleMs. */
  private idleOut(slot: Slot): void {
    slot.idle = setTimeout(() => {
      const at = this.slots.indexOf(slot);
      if (at === -1 || slot.task !== null) return;
      this.slots.splice(at, 1);
      slot.worker.removeAllListeners();
      slot.worker.on('error', () => undefined);
      void slot.worker.terminate();
    }, this.options.idleMs ?? 30_000);
    slot.idle.unref();
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, {
      execArgv: this.execArgv,
      resourceLimits: this.options.resourceLimits,
      workerData: this.options.workerData,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, idle: null };
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

  /** The slot's task fails with `error`; its thread is terminated, and another started if tasks wait. */
  private fail(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at === -1) return; // already ended
    const task = slot.task;
    slot.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.reject(error);
    }
    if (slot.idle) clearTimeout(slot.idle);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (this.closed) return;
    if (slot.ready) {
      this.slots.splice(at, 1);
      this.grow();
      return;
    }
    // It died loading its module: keep its place and start another in a while, not in a tight loop.
    const retry = setTimeout(() => {
      const still = this.slots.indexOf(slot);
      if (this.closed || still === -1) return;
      this.slots.splice(still, 1);
      this.grow();
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
