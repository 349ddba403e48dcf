/** Replay's GraphQL enums, apart from the object types so pure modules can use them without decorators. */
import { registerEnumType } from 'type-graphql';

/** How a replay came out. */
export enum ReplayVerdict {
  REPRODUCED = 'REPRODUCED',
  DIFFERS = 'DIFFERS',
  NOT_REPLAYABLE = 'NOT_REPLAYABLE',
}
registerEnumType(ReplayVerdict, {
  name: 'ReplayVerdict',
  description: 'REPRODUCED: same output, score within the tolerance; DIFFERS: it ran and came out otherwise; NOT_REPLAYABLE: an ingredient is missing.',
});

/** The ingredient a replay lacked. */
export enum ReplayMissing {
  NO_MODEL_RECORDED = 'NO_MODEL_RECORDED',
  NO_INPUTS = 'NO_INPUTS',
  NO_ARTIFACT = 'NO_ARTIFACT',
  DIGEST_MISMATCH = 'DIGEST_MISMATCH',
  UNSUPPORTED_FORMAT = 'UNSUPPORTED_FORMAT',
  INPUTS_WITHHELD = 'INPUTS_WITHHELD',
}
registerEnumType(ReplayMissing, { name: 'ReplayMissing', description: 'What a NOT_REPLAYABLE replay lacked.' });

/** Which part a model played in a replay. */
export enum ReplayRole {
  USED = 'USED',
  MEMBER = 'MEMBER',
  WHAT_IF = 'WHAT_IF',
  WHAT_IF_MEMBER = 'WHAT_IF_MEMBER',
}
registerEnumType(ReplayRole, {
  name: 'ReplayRole',
  description: 'USED: a version the prediction recorded; MEMBER: a member of one; WHAT_IF(_MEMBER): the version asked about instead.',
});
