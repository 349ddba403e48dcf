import { registerEnumType } from 'type-graphql';

/** What a subscription can ask for; stored by name in the graph, sent as the dotted wire name. */
export enum WebhookEventType {
  /** A DRIFT event was ingested (whoever sent it: a monitor or the service's own drift policy). */
  DRIFT_ALERT = 'DRIFT_ALERT',
  /** An APPROVED decision on a model version for an ION. */
  MODEL_VERSION_APPROVED = 'MODEL_VERSION_APPROVED',
  /** A REJECTED decision on a model version for an ION. */
  MODEL_VERSION_REJECTED = 'MODEL_VERSION_REJECTED',
  /** A model version recorded as RETIRED. */
  MODEL_VERSION_RETIRED = 'MODEL_VERSION_RETIRED',
  /** A deployment (usage period) of a model version to a pipeline node. */
  MODEL_VERSION_DEPLOYED = 'MODEL_VERSION_DEPLOYED',
  /** A deployment that goes back to a version this node served before in the same role. */
  MODEL_VERSION_ROLLED_BACK = 'MODEL_VERSION_ROLLED_BACK',
  /** A compliance violation that an ingested item completes (UNAPPROVED_DEPLOYMENT, SELF_APPROVAL). */
  COMPLIANCE_VIOLATION = 'COMPLIANCE_VIOLATION',
  /** Sent by `testWebhook` only; every subscription receives it whatever its filter. */
  WEBHOOK_TEST = 'WEBHOOK_TEST',
}

registerEnumType(WebhookEventType, { name: 'WebhookEventType', description: 'Events a webhook subscription can receive.' });

/** Event types a subscription may filter on (the test event is always allowed). */
export const SUBSCRIBABLE: readonly WebhookEventType[] = Object.values(WebhookEventType).filter((type) => type !== WebhookEventType.WEBHOOK_TEST);

/** The wire name, e.g. `model_version.rolled_back`. */
export function wireName(type: WebhookEventType): string {
  const [, group, action] = /^(DRIFT|MODEL_VERSION|COMPLIANCE|WEBHOOK)_(.+)$/.exec(type) ?? [];
  return `${(group ?? type).toLowerCase()}.${(action ?? '').toLowerCase()}`;
}

/**
 * The fields of an outbox item that a payload may carry. They are ids, enums and times only:
 * no subject keys, inputs, outputs, scores, attributions, content hashes or free text (event
 * messages and details), so nothing restricted leaves the service through a webhook.
 */
export const PAYLOAD_DATA_FIELDS = [
  'subjectType',
  'subjectId',
  'modelVersionId',
  'previousModelVersionId',
  'runId',
  'pipelineNodeId',
  'principalId',
  'detail',
  'policy',
] as const;

/** An outbox item as stored (`cypher/webhooks/*`). */
export type StoredDelivery = {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  occurredAt: string;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  ionId: string | null;
} & { [K in (typeof PAYLOAD_DATA_FIELDS)[number]]: string | null };

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

/**
 * The JSON body of a delivery: the same bytes on every attempt (built from stored fields only),
 * so a receiver can dedupe on `deliveryId` and a signature over a retry matches its content.
 */
export function payloadOf(delivery: StoredDelivery): string {
  const data: Record<string, string> = {};
  for (const field of PAYLOAD_DATA_FIELDS) {
    const value = delivery[field];
    if (value !== null && value !== undefined) data[field] = value;
  }
  return JSON.stringify({
    deliveryId: delivery.id,
    eventId: delivery.eventId,
    type: wireName(delivery.eventType),
    occurredAt: delivery.occurredAt,
    createdAt: delivery.createdAt,
    ionId: delivery.ionId ?? null,
    webhookId: delivery.webhookId,
    data,
  });
}
