/**
 * The explorer's graph: the walk from the root at `depth`, then the user's operations replayed
 * in order (expand / collapse a side of a node, page an aggregate). The operations live in the
 * URL, so a shared link rebuilds the same graph. When operations are only appended (the usual
 * click), just the new ones run against the graph in hand.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, gql } from '../api/client';
import { LineageDocument, NeighboursDocument, RunStagesDocument, type LineageDirection } from '../api/generated';
import type { LineageGraph } from '../api/operations';
import { fromGraphData, type GraphModel } from '../graph/model';
import { nestStages, unnestStages } from '../graph/stages';
import { addAggregatePage, aggregateParent, collapse, mergeGraph } from '../graph/traverse';

/** Members drawn per "load more" on an aggregate. */
export const AGGREGATE_PAGE = 25;

/**
 * An operation as kept in the URL: `+U:id`, `+D:id` (expand), `-U:id`, `-D:id` (collapse),
 * `P:aggregateId` (next page), `S:runId` / `X:runId` (show / hide a run's stage DAG inside it).
 */
export type LineageOp = string;

export const op = {
  expand: (id: string, side: 'U' | 'D'): LineageOp => `+${side}:${id}`,
  collapse: (id: string, side: 'U' | 'D'): LineageOp => `-${side}:${id}`,
  page: (aggregateId: string): LineageOp => `P:${aggregateId}`,
  stages: (runId: string, show: boolean): LineageOp => `${show ? 'S' : 'X'}:${runId}`,
};

async function walk(nodeId: string, depth: number, direction: LineageDirection): Promise<LineageGraph> {
  return (await gql(LineageDocument, { nodeId, depth, direction })).lineage;
}

async function apply(model: GraphModel, operation: LineageOp): Promise<GraphModel> {
  const kind = operation.slice(0, 2);
  const id = operation.slice(kind.endsWith(':') ? 2 : 3);
  switch (kind) {
    case '+U':
    case '+D':
      return mergeGraph(model, await walk(id, 1, kind === '+U' ? 'UPSTREAM' : 'DOWNSTREAM')).model;
    case '-U':
    case '-D':
      return collapse(model, id, kind === '-U' ? 'UPSTREAM' : 'DOWNSTREAM');
    case 'P:': {
      const aggregate = model.nodes.get(id)?.aggregate;
      const parent = aggregateParent(model, id);
      if (!aggregate || !parent || aggregate.hasNextPage === false) return model;
      const variables = {
        nodeId: parent,
        relType: aggregate.relType,
        type: aggregate.of,
        outgoing: aggregate.outgoing,
        first: AGGREGATE_PAGE,
        after: aggregate.endCursor ?? null,
      };
      const page = (await gql(NeighboursDocument, variables)).lineageNeighbours;
      return addAggregatePage(model, id, page);
    }
    case 'S:': {
      const view = (await gql(RunStagesDocument, { runId: id })).runStages;
      return nestStages(model, id, view);
    }
    case 'X:':
      return unnestStages(model, id);
    default:
      return model;
  }
}

export interface LineageState {
  model: GraphModel | null;
  loading: boolean;
  error: ApiError | null;
  /** Depth the server actually walked (it caps deep requests). */
  depthCapped: boolean;
  reload: () => void;
}

export function useLineageGraph(rootId: string, depth: number, ops: readonly LineageOp[]): LineageState {
  const [state, setState] = useState<Omit<LineageState, 'reload'>>({ model: null, loading: true, error: null, depthCapped: false });
  const [attempt, setAttempt] = useState(0);
  const done = useRef<{ key: string; ops: readonly LineageOp[]; model: GraphModel; capped: boolean } | null>(null);
  const opsKey = JSON.stringify(ops);

  useEffect(() => {
    let cancelled = false;
    const key = `${rootId}\u0000${depth}\u0000${attempt}`;
    const wanted = JSON.parse(opsKey) as LineageOp[];
    const previous = done.current;
    const extends_ = previous !== null && previous.key === key && previous.ops.length <= wanted.length && previous.ops.every((o, i) => wanted[i] === o);
    setState((s) => ({ ...s, loading: true, error: null }));
    void (async () => {
      try {
        let model: GraphModel;
        let capped: boolean;
        let from: number;
        if (extends_) {
          ({ model, capped } = previous);
          from = previous.ops.length;
        } else {
          const first = await walk(rootId, depth, 'BOTH');
          model = fromGraphData({ nodes: [first.root, ...first.nodes], edges: first.edges }, first.root.id);
          capped = first.depthCapped;
          from = 0;
        }
        for (const operation of wanted.slice(from)) {
          model = await apply(model, operation);
          if (cancelled) return;
        }
        if (cancelled) return;
        done.current = { key, ops: wanted, model, capped };
        setState({ model, loading: false, error: null, depthCapped: capped });
      } catch (error) {
        if (cancelled) return;
        setState((s) => ({ ...s, loading: false, error: error instanceof ApiError ? error : new ApiError('SERVER', String(error)) }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [rootId, depth, opsKey, attempt]);

  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
