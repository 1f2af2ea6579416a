import { MessageChannel, type MessagePort } from 'node:worker_threads';

/**
 * PARSE_TIMEOUT_MS and PARSE_TIMEOUT_MS_PER_MB: how long one parse or one validation may take, from when a thread
 * starts on it (waiting for a free thread, or for a fresh one to load, does not count): `baseMs` plus `perMbMs` for
 * every MiB of its input.
 */
export interface DeadlinePolicy {
  baseMs: number;
  perMbMs: number;
}

const MIB = 1024 * 1024;

/** The deadline, in milliseconds, of work on `bytes` bytes of input. */
export function deadlineMs(policy: DeadlinePolicy, bytes: number): number {
  return policy.baseMs + Math.ceil((policy.perMbMs * bytes) / MIB);
}

/** Which work was stopped, as named in problem documents. */
export type StoppedWork = 'parse' | 'validation';

/** Work stopped at its deadline: its thread was terminated and a fresh one started. Neutral; mapped to 503. */
export class DeadlineExceeded extends Error {
  constructor(
    readonly work: StoppedWork,
    readonly deadlineMs: number,
    readonly policy: DeadlinePolicy,
  ) {
    super(
      `The ${work} of this request was stopped at its deadline of ${deadlineMs} ms (PARSE_TIMEOUT_MS = ${policy.baseMs} plus ` +
        `PARSE_TIMEOUT_MS_PER_MB = ${policy.perMbMs} per MiB of input); its thread was replaced. Send a smaller or simpler document, or try again later`,
    );
    this.name = 'DeadlineExceeded';
  }
}

/** Work stopped because its client closed the connection before the answer. */
export class ClientGone extends Error {
  constructor(readonly work: StoppedWork) {
    super(`The ${work} was cancelled: the client closed the connection`);
    this.name = 'ClientGone';
  }
}

/**
 * How work handed to a thread pool is controlled: `signal` aborts it (Piscina terminates a thread whose running task
 * is aborted and starts a fresh one; a queued task just leaves the queue), and the task's port says when a thread
 * starts on it, which starts the deadline's clock.
 */
export interface WorkControl {
  signal: AbortSignal;
  /** A port to send with the task (in its transfer list); the worker calls announceStart with it. */
  startPort(): MessagePort;
}

/** In a worker: tell the pool that this thread has started on the task (see WorkControl). */
export function announceStart(port: MessagePort | undefined): void {
  port?.postMessage('started');
  port?.close();
}

/**
 * Run `task` with a control whose signal aborts at the deadline for `bytes` of input, counted from when a thread first
 * starts on it, or when `client` aborts (the client went away). The rejection is told as DeadlineExceeded or
 * ClientGone.
 */
export async function withDeadline<T>(
  policy: DeadlinePolicy,
  work: StoppedWork,
  bytes: number,
  client: AbortSignal | undefined,
  task: (control: WorkControl) => Promise<T>,
): Promise<T> {
  const ms = deadlineMs(policy, bytes);
  const timer = new AbortController();
  let timeout: NodeJS.Timeout | undefined;
  const start = () => {
    timeout ??= setTimeout(() => timer.abort(new DeadlineExceeded(work, ms, policy)), ms);
  };
  const ports: MessagePort[] = [];
  const control: WorkControl = {
    signal: client ? AbortSignal.any([client, timer.signal]) : timer.signal,
    startPort() {
      const { port1, port2 } = new MessageChannel();
      port1.once('message', start);
      port1.unref();
      ports.push(port1);
      return port2;
    },
  };
  try {
    return await task(control);
  } catch (error) {
    if (timer.signal.aborted) throw timer.signal.reason as DeadlineExceeded;
    if (client?.aborted) throw new ClientGone(work);
    throw error;
  } finally {
    clearTimeout(timeout);
    for (const port of ports) port.close();
  }
}
