import { ErrorCode, LineageError, badInput, type FieldProblem } from '../errors';
import type { QueryRunner } from '../store/executor';
import { toWhyAnswer, type ExplainRow } from './why.transform';
import type { WhyAnswer } from './why.types';

export interface WhyRequest {
  predictionId?: string | null;
  subjectKey?: string | null;
  at?: string | null;
  output?: string | null;
  windowMinutes?: number;
}

/** Largest event window, either side of the prediction: one day. */
export const MAX_WINDOW_MINUTES = 24 * 60;

/**
 * Answers "why did this prediction come out as it did?" in one round trip (`why/explain`):
 * the query starts from an index seek (Prediction.id, or Prediction(subjectKey, at) newest
 * first) and returns everything in one row; the mapping is pure (`why.transform.ts`).
 */
export class WhyService {
  constructor(private readonly runner: QueryRunner) {}

  async why(request: WhyRequest): Promise<WhyAnswer> {
    const windowMinutes = request.windowMinutes ?? 60;
    const problems: FieldProblem[] = [];
    if (!request.predictionId && !request.subjectKey)
      problems.push({ path: 'predictionId', message: 'give a predictionId, or a subjectKey (with an optional at)' });
    if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > MAX_WINDOW_MINUTES) {
      problems.push({ path: 'windowMinutes', message: `must be an integer from 0 to ${MAX_WINDOW_MINUTES}` });
    }
    if (problems.length) throw badInput(problems);
    const [row] = await this.runner.run<ExplainRow & Record<string, unknown>>('why/explain', {
      predictionId: request.predictionId || null,
      subjectKey: request.predictionId ? null : (request.subjectKey ?? null),
      at: request.at ?? null,
      output: request.output ?? null,
      windowMinutes,
    });
    if (!row) {
      const what = request.predictionId
        ? `No prediction with id '${request.predictionId}'.`
        : `No prediction of subject '${request.subjectKey}'${request.output ? ` with output '${request.output}'` : ''} at or before ${request.at ?? 'now'}.`;
      throw new LineageError(ErrorCode.NOT_FOUND, what);
    }
    return toWhyAnswer(row);
  }
}
