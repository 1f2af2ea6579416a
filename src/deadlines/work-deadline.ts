/**
 * PARSE_TIMEOUT_MS and PARSE_TIMEOUT_MS_PER_MB: how long one parse or one validation may take, from when it is
 * handed to its threads (waiting for a free thread included): `baseMs` plus `perMbMs` for every MiB of its input.
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
 * Run `task` with a signal that aborts at the deadline for `bytes` of input or when `client` aborts (the client went
 * away). Piscina terminates a thread whose running task is aborted and starts a fresh one; a queued task just leaves
 * the queue. The rejection is told as DeadlineExceeded or ClientGone.
 */
export async function withDeadline<T>(
  policy: DeadlinePolicy,
  work: StoppedWork,
  bytes: number,
  client: AbortSignal | undefined,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const ms = deadlineMs(policy, bytes);
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(new DeadlineExceeded(work, ms, policy)), ms);
  const signal = client ? AbortSignal.any([client, timer.signal]) : timer.signal;
  try {
    return await task(signal);
  } catch (error) {
    if (timer.signal.aborted) throw timer.signal.reason as DeadlineExceeded;
    if (client?.aborted) throw new ClientGone(work);
    throw error;
  } finally {
    clearTimeout(timeout);
  }
}
