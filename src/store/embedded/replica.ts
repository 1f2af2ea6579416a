import { Worker } from 'node:worker_threads';
import type {
  ReplicaControl,
  ReplicaErrorKind,
  ReplicaMessage,
  ReplicaRequest,
} from './replica-protocol.js';
import type { ThreadMemory } from '../../memory/thread-memory.js';

type Body<T extends ReplicaRequest> = T extends unknown ? Omit<T, 'id'> : never;
export type ReplicaRequestBody = Body<ReplicaRequest>;

export class ReplicaError extends Error {
  constructor(
    message: string,
    readonly kind: ReplicaErrorKind | 'terminated',
  ) {
    super(message);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onChunk?: (chunk: Uint8Array) => Promise<void> | void;
  onProgress?: (progress: Extract<ReplicaMessage, { type: 'progress' }>) => void;
  /** Chunks are handed to onChunk one at a time, in order, and acknowledged once it is done with each. */
  delivery: Promise<void>;
  streamed: boolean;
}

/** The main thread's handle on one replica worker: request/answer by id, chunked streams, termination. */
export class Replica {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;
  /** Reads (queries, documents) sent and not yet answered; the scheduler prefers replicas with none. */
  reads = 0;
  /** Writes sent and not yet applied: a replica still loading a large write answers nothing else meanwhile. */
  writes = 0;
  ready = false;
  /** Sequence number of the last write posted to this replica. */
  postedSeq = 0;
  /** What the replica held after its last request. */
  memory: ThreadMemory = { heapUsed: 0, external: 0 };
  /** What it held once loaded: what a fresh replica of the store would hold (see ReplicaPool's memory rule). */
  freshBytes = 0;
  /** Replaced by a fresh replica: it takes no new reads and ends once its last one is done, without a rebuild. */
  retiring = false;
  private readonly memoryWaiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    onExit: (replica: Replica, error?: Error) => void,
    private readonly onMemory: (replica: Replica) => void = () => undefined,
  ) {
    this.worker = new Worker(new URL('./replica-worker.js', import.meta.url), { name });
    this.worker.on('message', (message: ReplicaMessage) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      const error = this.dead ? undefined : new Error(`replica ${name} exited with code ${code}`);
      this.fail(new ReplicaError('the replica working on this request was stopped', 'terminated'));
      onExit(this, error);
    });
  }

  /** Resolves at the replica's next memory report (it sends one after every request). */
  reported(): Promise<void> {
    return new Promise((resolve) => this.memoryWaiters.push(resolve));
  }

  get alive(): boolean {
    return !this.dead;
  }

  request<T>(
    body: ReplicaRequestBody,
    handlers: { onChunk?: Pending['onChunk']; onProgress?: Pending['onProgress'] } = {},
  ): { id: number; result: Promise<T> } {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        ...handlers,
        delivery: Promise.resolve(),
        streamed: false,
      });
    });
    if (this.dead) {
      this.pending.get(id)!.reject(new ReplicaError('replica is not running', 'terminated'));
      this.pending.delete(id);
    } else {
      this.worker.postMessage({ ...body, id } as ReplicaRequest);
    }
    return { id, result };
  }

  /** Whether the answer to `id` has started streaming (then a timeout ends the stream instead of the worker). */
  isStreaming(id: number): boolean {
    return this.pending.get(id)?.streamed ?? false;
  }

  cancel(id: number): void {
    this.control({ type: 'cancel', id });
  }

  async terminate(): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    this.ready = false;
    await this.worker.terminate();
  }

  private control(message: ReplicaControl): void {
    if (!this.dead) this.worker.postMessage(message);
  }

  private receive(message: ReplicaMessage): void {
    if (message.type === 'memory') {
      this.memory = message.memory;
      this.onMemory(this);
      for (const resolve of this.memoryWaiters.splice(0)) resolve();
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message);
        return;
      case 'chunk':
        pending.streamed = true;
        pending.delivery = pending.delivery
          .then(async () => {
            await pending.onChunk?.(message.data);
            this.control({ type: 'ack', id: message.id });
          })
          .catch((error: unknown) => {
            // The consumer is gone (client disconnected): let the worker stop sending and move on.
            this.cancel(message.id);
            throw error;
          });
        return;
      case 'end':
      case 'result': {
        this.pending.delete(message.id);
        const value = message.type === 'result' ? message.value : undefined;
        pending.delivery.then(() => pending.resolve(value), pending.reject);
        return;
      }
      case 'error':
        this.pending.delete(message.id);
        pending.delivery.then(() => pending.reject(new ReplicaError(message.message, message.kind)), pending.reject);
        return;
    }
  }

  private fail(error: Error): void {
    this.dead = true;
    this.ready = false;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    for (const resolve of this.memoryWaiters.splice(0)) resolve();
  }
}
