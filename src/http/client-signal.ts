import type { Response } from 'express';

/**
 * A signal that aborts when the client closes the connection before its answer was sent, so that the parse or
 * validation it asked for stops instead of holding a thread for nobody. (`req` 'close' fires once the body is read;
 * `res` 'close' without a finished response is the client gone.)
 */
export function clientSignal(res: Response): AbortSignal {
  let signal = signals.get(res);
  if (signal) return signal;
  const controller = new AbortController();
  signal = controller.signal;
  signals.set(res, signal);
  if (res.destroyed) controller.abort();
  else
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  return signal;
}

/** One signal per response, however many steps of the request ask for it. */
const signals = new WeakMap<Response, AbortSignal>();
