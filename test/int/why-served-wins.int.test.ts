/**
 * Regression (issue "Scale", correctness): `why(subjectKey, at)` a moment after a request must
 * answer with the served prediction, even when the control pipeline recorded its answer to the
 * same request a few milliseconds later. The chain fixture's control prediction is 250 ms after
 * the served one, exactly the case an independent scenario found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhyService } from '../../server/src/why/why.service';
import { chainBundle, chainIds } from '../support/fixtures';
import { applyTestSchema, connectTestGraph, type TestGraph, wipeGraph } from '../support/neo4j';

const P = 'why-served-wins';
const ids = chainIds(P);
let graph: TestGraph;
let why: WhyService;

beforeAll(async () => {
  graph = await connectTestGraph();
  // The chain fixture's subject key is shared by every prefix: another file's chain on this
  // database would be a newer request of the same subject.
  await wipeGraph(graph.driver);
  await applyTestSchema(graph);
  await graph.services.ingest.ingestBundle(chainBundle(P));
  why = new WhyService(graph.executor);
});

afterAll(async () => {
  await graph?.driver.close();
});

describe('why by subject and time: the served prediction wins over the control', () => {
  it.each([
    ['between the two answers', '2026-03-02T09:15:00.100Z'],
    ['just after the control answer', '2026-03-02T09:15:00.260Z'],
    ['a second after the request', '2026-03-02T09:15:01Z'],
    ['a day later', '2026-03-03T09:15:00Z'],
    ['with no time at all (now)', null],
  ])('%s', async (_, at) => {
    const answer = await why.why({ subjectKey: 'patient-42', at });
    expect(answer.prediction.id).toBe(ids.predictions.primary);
    expect(answer.control?.predictionId).toBe(ids.predictions.control);
  });

  it('still answers the control when only the control is asked for by its output', async () => {
    const answer = await why.why({ subjectKey: 'patient-42', at: '2026-03-02T09:15:01Z', output: 'NO_SCAN' });
    expect(answer.prediction.id).toBe(ids.predictions.control);
  });

  it('finds nothing before the request', async () => {
    await expect(why.why({ subjectKey: 'patient-42', at: '2026-03-02T09:14:59Z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
