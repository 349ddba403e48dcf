/**
 * web/src/api/generated.ts is committed: it must be exactly what `npm run codegen` writes from
 * the committed schema and operations. The generator runs in-process, from local files only.
 */
import fs from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config, { GENERATED_FILE } from './codegen';

describe('web/src/api/generated.ts', () => {
  it('is what the generator writes from server/schema.graphql and the operations (run `npm run codegen`)', async () => {
    // generate() is typed loosely (`any` in its union); this is the shape it returns without writing.
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, silent: true }, false);
    expect(outputs.map((output) => output.filename)).toEqual([GENERATED_FILE]);
    expect(outputs[0]!.content, 'web/src/api/generated.ts is stale: run `npm run codegen` and commit it').toBe(fs.readFileSync(GENERATED_FILE, 'utf8'));
  }, 60_000);
});
