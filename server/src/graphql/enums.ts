import { registerEnumType } from 'type-graphql';

/** GraphQL enums; their values are exactly the contract's string unions. */
function enumOf<const T extends string>(name: string, values: readonly T[], description: string): { [K in T]: K } {
  const object = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(object, { name, description });
  return object;
}

export const ClassificationEnum = enumOf('Classification', ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'PII', 'PHI'], 'Data sensitivity; the strictest propagates along lineage.');
export const PipelineRoleEnum = enumOf('PipelineRole', ['TRAINING', 'INFERENCE', 'CONTROL', 'POLICY', 'ETL', 'MONITOR'], 'What an ION pipeline node does.');
export const RunStatusEnum = enumOf('RunStatus', ['RUNNING', 'COMPLETED', 'FAILED', 'ABORTED'], 'State of a run or ION instance.');
export const ModelFormatEnum = enumOf('ModelFormat', ['ONNX', 'PMML', 'SAVED_MODEL', 'OPAQUE'], 'Serialized model format.');
export const ModelStatusEnum = enumOf('ModelStatus', ['CANDIDATE', 'APPROVED', 'REJECTED', 'RETIRED'], 'Lifecycle state of a model version.');
export const DecisionEnum = enumOf('Decision', ['APPROVED', 'REJECTED'], 'A reviewer decision.');
export const DeploymentRoleEnum = enumOf('DeploymentRole', ['PRIMARY', 'CONTROL', 'CANARY', 'SHADOW'], 'Role of a model in the pipeline it serves.');
export const EventTypeEnum = enumOf('EventType', ['ERROR', 'WARNING', 'ALERT', 'DRIFT', 'INFO'], 'Kind of event seen during a run.');
export const PrincipalKindEnum = enumOf('PrincipalKind', ['HUMAN', 'SERVICE'], 'A person or a system.');
