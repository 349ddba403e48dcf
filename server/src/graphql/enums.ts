import { registerEnumType } from 'type-graphql';
import * as S from '@ion-lineage/contract/schemas';

/** GraphQL enums; their values are the options of the contract's zod enums (one definition). */
function enumOf<const T extends string>(name: string, values: readonly T[], description: string): { [K in T]: K } {
  const object = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(object, { name, description });
  return object;
}

export const ClassificationEnum = enumOf('Classification', S.classification.options, 'Data sensitivity; the strictest propagates along lineage.');
export const PipelineRoleEnum = enumOf('PipelineRole', S.pipelineRole.options, 'What an ION pipeline node does.');
export const RunStatusEnum = enumOf('RunStatus', S.runStatus.options, 'State of a run or ION instance.');
export const ModelFormatEnum = enumOf('ModelFormat', S.modelFormat.options, 'Serialized model format.');
export const ModelStatusEnum = enumOf('ModelStatus', S.modelStatus.options, 'Lifecycle state of a model version.');
export const DecisionEnum = enumOf('Decision', S.decision.options, 'A reviewer decision.');
export const DeploymentRoleEnum = enumOf('DeploymentRole', S.deploymentRole.options, 'Role of a model in the pipeline it serves.');
export const EventTypeEnum = enumOf('EventType', S.eventType.options, 'Kind of event seen during a run.');
export const PrincipalKindEnum = enumOf('PrincipalKind', S.principalKind.options, 'A person or a system.');
export const MessageKindEnum = enumOf('MessageKind', S.messageKind.options, 'What one ION node sends another.');
