import type { GraphName, WriteOp } from './write-ops.js';
import type { QueryDataset, RenderPart } from '../store.js';
import type { SnapshotEntry } from './snapshots.js';
import type { ThreadMemory } from '../../memory/thread-memory.js';

export type { QueryDataset, RenderPart } from '../store.js';

/** Messages from the main thread to a replica worker. Each request carries an id its answer repeats. */
export type ReplicaRequest =
  /** `background`: another replica serves meanwhile, so this load runs at low priority (capacity/thread-priority.ts). */
  | { id: number; type: 'init'; dataDir: string; untilSeq: number; background?: boolean }
  /** `maxQuads` is set on the first replica to apply a write, which refuses it when the store would grow too big. */
  | { id: number; type: 'write'; seq: number; op: WriteOp; capture?: GraphName[] | 'all'; maxQuads?: number }
  | { id: number; type: 'query'; query: string; resultsFormat: string; dataset?: QueryDataset; baseIri: string }
  | { id: number; type: 'render'; parts: RenderPart[]; extra?: string; mediaType: string; requireGraph?: GraphName }
  | { id: number; type: 'graph-exists'; graph: GraphName }
  | { id: number; type: 'list-graphs' }
  | { id: number; type: 'snapshot'; dataDir: string; graphs: GraphName[] | 'all' };

/** Stream control, handled at once even while a request is being worked on. */
export type ReplicaControl = { type: 'ack'; id: number } | { type: 'cancel'; id: number };

export type ReplicaMessage =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; message: string; kind: ReplicaErrorKind }
  | { id: number; type: 'chunk'; data: Uint8Array }
  | { id: number; type: 'end' }
  | { id: number; type: 'progress'; graphs: number; totalGraphs: number; quads: number }
  /** What the replica holds after a request; sent after every one (see src/memory/thread-memory.ts). */
  | { type: 'memory'; memory: ThreadMemory };

export type ReplicaErrorKind = 'syntax' | 'capacity' | 'unsupported' | 'other';

export interface InitResult {
  quads: number;
  graphs: number;
  seq: number;
  replayed: number;
  ms: number;
}

export interface WriteResult {
  quads: number;
  /** Whether the graph a single-graph write names existed before it (a drop of a missing graph changes nothing). */
  existed: boolean;
  /** The applied effect, when the request asked for it to be captured. */
  captured?: { graph: GraphName; ntriples: string | null }[];
}

export interface SnapshotResult {
  seq: number;
  entries: SnapshotEntry[];
}
