import { ErrorCode, LineageError, badInput } from '../errors';
import type { QueryRunner } from '../store/executor';
import { asLevel } from './classification.levels';
import { type ClassificationSource, combine, modelVersionSources, type NodeClassificationData, type RunSourceRow, through } from './classification.propagate';

type Row<T> = T & Record<string, unknown>;

/**
 * Classification along lineage: datasets and features carry their own level; dataset versions
 * take their dataset's; runs take the strictest of what they read and used; model versions take
 * their training runs' (ensembles also their members'); predictions take their model versions'.
 * Every query starts from unique-index seeks on the given ids and walks a fixed number of hops.
 */
export class ClassificationService {
  constructor(private readonly runner: QueryRunner) {}

  /** The classification of any node, with the sources and paths that explain it. */
  async classify(nodeId: string): Promise<NodeClassificationData> {
    if (!nodeId) throw badInput([{ path: 'nodeId', message: 'must not be empty' }]);
    const [node] = await this.runner.run<{ id: string; type: string; properties: Record<string, unknown> } & Record<string, unknown>>('lineage/find-node', {
      id: nodeId,
    });
    if (!node) throw new LineageError(ErrorCode.NOT_FOUND, `No node with id '${nodeId}'.`);
    switch (node.type) {
      case 'Dataset':
      case 'Feature':
        return combine(node.id, node.type, [
          { id: node.id, type: node.type, name: str(node.properties.name), level: asLevel(node.properties.classification), pathKind: 'OWN', path: [node.id] },
        ]);
      case 'DatasetVersion':
        return (await this.datasetVersions([node.id])).get(node.id) ?? combine(node.id, node.type, []);
      case 'Run':
        return combine(node.id, 'Run', await this.runSources(node.id));
      case 'ModelVersion':
        return (await this.modelVersions([node.id])).get(node.id)!;
      case 'Prediction':
        return (await this.predictions([node.id])).get(node.id)!;
      default:
        return combine(node.id, node.type, []);
    }
  }

  /** Classifications of model versions by id (unknown ids are left out). */
  async modelVersions(ids: readonly string[]): Promise<Map<string, NodeClassificationData>> {
    const out = new Map<string, NodeClassificationData>();
    if (ids.length === 0) return out;
    const rows = await this.runner.run<Row<{ id: string; runs: Array<{ versions: string[]; runId: string }> }>>('classification/model-version-runs', {
      ids: [...new Set(ids)],
    });
    const runIds = [...new Set(rows.flatMap((r) => r.runs.map((run) => run.runId)))];
    const runSources = new Map<string, RunSourceRow[]>();
    if (runIds.length) {
      const sourceRows = await this.runner.run<Row<{ id: string; sources: RunSourceRow[] }>>('classification/run-sources', { ids: runIds });
      for (const row of sourceRows) runSources.set(row.id, row.sources);
    }
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      out.set(id, combine(id, 'ModelVersion', row ? modelVersionSources(row.runs, runSources) : []));
    }
    return out;
  }

  /** Classifications of predictions by id, through the model versions they recorded. */
  async predictions(ids: readonly string[]): Promise<Map<string, NodeClassificationData>> {
    const out = new Map<string, NodeClassificationData>();
    if (ids.length === 0) return out;
    const rows = await this.runner.run<Row<{ id: string; modelVersionIds: string[] }>>('classification/prediction-models', { ids: [...new Set(ids)] });
    const versions = await this.modelVersions([...new Set(rows.flatMap((r) => r.modelVersionIds))]);
    for (const row of rows) {
      const sources = row.modelVersionIds.flatMap((mv) => through('MODEL', row.id, versions.get(mv)?.sources ?? []));
      out.set(row.id, combine(row.id, 'Prediction', sources));
    }
    return out;
  }

  /** Classifications of dataset versions: their dataset's. */
  async datasetVersions(ids: readonly string[]): Promise<Map<string, NodeClassificationData>> {
    const rows = await this.runner.run<Row<{ id: string; datasetId: string; name: string | null; classification: unknown }>>(
      'classification/dataset-versions',
      { ids: [...new Set(ids)] },
    );
    return new Map(
      rows.map((r) => [
        r.id,
        combine(r.id, 'DatasetVersion', [
          { id: r.datasetId, type: 'Dataset', name: r.name, level: asLevel(r.classification), pathKind: 'VERSION_OF', path: [r.id, r.datasetId] },
        ]),
      ]),
    );
  }

  private async runSources(runId: string): Promise<ClassificationSource[]> {
    const [row] = await this.runner.run<Row<{ id: string; sources: RunSourceRow[] }>>('classification/run-sources', { ids: [runId] });
    return modelVersionSources([{ versions: [], runId }], new Map([[runId, row?.sources ?? []]]));
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
