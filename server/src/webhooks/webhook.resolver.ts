import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { COST } from '../graphql/cost';
import { DateTimeScalar } from '../graphql/scalars';
import { payloadOf, type StoredDelivery } from './webhook.events';
import { CreatedWebhook, CreateWebhookInput, UpdateWebhookInput, Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from './webhook.types';

const NOT_AUDITED = 'webhook subscriptions and their outbox carry ids, types and times, no prediction-level data';

function withPayload(delivery: StoredDelivery): WebhookDelivery {
  return { ...delivery, status: delivery.status as WebhookDeliveryStatus, payload: payloadOf(delivery) };
}

/** Webhook subscriptions for admins; the service owns validation, the dispatcher delivery. */
@Resolver()
export class WebhookResolver {
  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Audited(false, NOT_AUDITED)
  @Query(() => [Webhook], { description: 'Webhook subscriptions, oldest first, without their secrets.', complexity: COST.webhooks })
  async webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return ctx.services.webhooks.list();
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Audited(false, NOT_AUDITED)
  @Query(() => [WebhookDelivery], {
    description: "A subscription's deliveries, newest first; page with `before` = the last item's createdAt.",
    complexity: COST.webhookDeliveries,
  })
  async webhookDeliveries(
    @Arg('webhookId', () => String) webhookId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 500, default 50.' }) first: number | null,
    @Arg('before', () => DateTimeScalar, { nullable: true }) before: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookDelivery[]> {
    return (await ctx.services.webhooks.deliveries(webhookId, { status, first, before })).map(withPayload);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Audited(false, NOT_AUDITED)
  @Query(() => [WebhookDelivery], { description: 'Dead letters of every subscription, newest first.', complexity: COST.webhookDeadLetters })
  async webhookDeadLetters(
    @Arg('first', () => Int, { nullable: true, description: '1 to 500, default 50.' }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookDelivery[]> {
    return (await ctx.services.webhooks.deadLetters(first)).map(withPayload);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Audited(false, NOT_AUDITED)
  @Query(() => [WebhookAttempt], {
    description: "A subscription's delivery log (attempts, status codes, latency, errors), newest first; page with `before` = the last attempt's `at`.",
    complexity: COST.webhookAttempts,
  })
  async webhookAttempts(
    @Arg('webhookId', () => String) webhookId: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 500, default 50.' }) first: number | null,
    @Arg('before', () => DateTimeScalar, { nullable: true }) before: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookAttempt[]> {
    return (await ctx.services.webhooks.attempts(webhookId, { first, before })) as WebhookAttempt[];
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => CreatedWebhook, { description: 'Creates a subscription; its signing secret is returned this once.' })
  async createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: RequestContext): Promise<CreatedWebhook> {
    return ctx.services.webhooks.create(input, ctx.principal.id);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => Webhook, { description: 'Changes a subscription. NOT_FOUND for an unknown id.' })
  async updateWebhook(
    @Arg('id', () => String) id: string,
    @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Webhook> {
    return ctx.services.webhooks.update(id, { ...input, global: input.global ?? false });
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => String, { description: 'Deletes a subscription with its outbox and delivery log; returns its id.' })
  async deleteWebhook(@Arg('id', () => String) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.services.webhooks.delete(id);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => WebhookDelivery, { description: 'Queues a `webhook.test` delivery to one subscription (signed and logged like any other).' })
  async testWebhook(@Arg('id', () => String) id: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return withPayload(await ctx.services.webhooks.testFire(id));
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Mutation(() => [WebhookDelivery], { description: 'Puts dead deliveries back in the outbox with a fresh attempt budget (same delivery ids).' })
  async redriveWebhookDeliveries(
    @Arg('webhookId', () => String) webhookId: string,
    @Arg('ids', () => [String]) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookDelivery[]> {
    return (await ctx.services.webhooks.redrive(webhookId, ids)).map(withPayload);
  }
}
