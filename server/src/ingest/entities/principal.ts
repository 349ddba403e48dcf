import type { PrincipalInput } from '@ion-lineage/contract';
import type { EntitySpec } from '../engine';
import { principalSchema } from '@ion-lineage/contract/schemas';
import { orNull } from './to-row';

export const principalSpec: EntitySpec<PrincipalInput> = {
  part: 'principals',
  label: 'Principal',
  schema: principalSchema,
  key: (item) => item.id,
  refs: () => [],
  toRow: (item, hash) => ({ id: item.id, name: item.name, kind: item.kind, email: orNull(item.email), hash }),
  writeQueries: ['ingest/principals'],
};
