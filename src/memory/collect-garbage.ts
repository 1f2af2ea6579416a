import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection of the calling thread, now. V8 only exposes `gc` with --expose-gc; the flag set at run
 * time gives it to contexts created after it (the one made here, and threads started later). Used before ending a
 * thread for its memory: what a thread holds after a large task is mostly garbage V8 has not collected yet, and a
 * thread ended for that loses what it keeps (compiled profiles, catalogue indexes) for nothing.
 */
export const collectGarbage: () => void = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
