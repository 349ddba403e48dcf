/**
 * The plain-words answer at the top of the why view, built from the `why` answer alone:
 * what was recommended, for whom, when, by which model(s), who approved it for the ION, what
 * the control pipeline said and which problems were logged.
 */
import type { WhyAnswer, WhyApproval, WhyModel } from '../api/operations';
import { formatTime, plural } from '../format';

/** "ct-ensemble 2.0.0" (the stored name, else model name and version, else the id). */
export function modelLabel(model: Pick<WhyModel, 'id' | 'name' | 'modelName' | 'version'>): string {
  return model.name ?? ([model.modelName, model.version].filter(Boolean).join(' ') || model.id);
}

/** Which prediction of the answer the control pipeline made: the explained one, or its counterpart. */
export function controlPredictionId(answer: Pick<WhyAnswer, 'prediction' | 'inferenceRun' | 'control'>): string | null {
  if (answer.inferenceRun.kind === 'CONTROL') return answer.prediction.id;
  return answer.control?.predictionId ?? null;
}

/**
 * The decision in force for the ION at prediction time: the latest one at or before `at`
 * (decisions for other IONs are ignored when the serving ION is known).
 */
export function decisionInForce(approvals: readonly WhyApproval[], at: string, ionId: string | null): WhyApproval | null {
  const t = Date.parse(at);
  let best: WhyApproval | null = null;
  for (const a of approvals) {
    if (ionId && a.ion && a.ion.id !== ionId) continue;
    if (Date.parse(a.at) > t) continue;
    if (!best || Date.parse(a.at) >= Date.parse(best.at)) best = a;
  }
  return best;
}

/** One part of the sentence; `tone` lets the view highlight problems. */
export interface SummaryPart {
  text: string;
  tone: 'plain' | 'warn';
  /** Text before this part (default "; "; none for the first). */
  sep?: string;
}

function modelsPart(models: readonly WhyModel[]): SummaryPart {
  if (models.length === 0) return { text: 'with no model version recorded', tone: 'warn' };
  return {
    text: models
      .map((m) => {
        if (m.members.length === 0) return `by model ${modelLabel(m)}`;
        const members = m.members.map((x) => `${modelLabel(x)} ${x.weight !== null ? x.weight.toFixed(2) : '?'}`).join(', ');
        return `by ensemble ${modelLabel(m)} (${plural(m.members.length, 'model')}, weights ${members})`;
      })
      .join(' and '),
    tone: 'plain',
  };
}

function approvalPart(answer: WhyAnswer): SummaryPart {
  const primary = answer.models[0];
  if (!primary) return { text: 'no approval can apply', tone: 'warn' };
  const ionName = answer.ion?.name ?? answer.ion?.id ?? 'its ION';
  const decision = decisionInForce(primary.approvals, answer.prediction.at, answer.ion?.id ?? null);
  if (!decision) return { text: `no approval of ${modelLabel(primary)} for ION ${ionName} was recorded before this prediction`, tone: 'warn' };
  const who = decision.reviewer?.name ?? decision.reviewer?.id ?? 'an unknown reviewer';
  const ion = decision.ion?.name ?? ionName;
  if (decision.decision === 'APPROVED') return { text: `approved by ${who} for ION ${ion} at ${formatTime(decision.at)}`, tone: 'plain' };
  return { text: `${decision.decision.toLowerCase()} by ${who} for ION ${ion} at ${formatTime(decision.at)}, yet it served`, tone: 'warn' };
}

/** The other prediction for the same request: the control's, or the primary's when this one is the control's. */
function controlPart(answer: WhyAnswer): SummaryPart {
  const control = answer.control;
  const other = answer.inferenceRun.kind === 'CONTROL' ? 'primary' : 'control';
  if (!control) return { text: `no ${other} prediction was recorded`, tone: 'plain' };
  return control.differs
    ? { text: `the ${other} pipeline said ${control.output} (differs)`, tone: 'warn' }
    : { text: `the ${other} pipeline agreed (${control.output})`, tone: 'plain' };
}

function eventsPart(answer: WhyAnswer): SummaryPart {
  const onRun = answer.events.filter((e) => e.runId === answer.inferenceRun.id);
  if (onRun.length === 0) return { text: 'no errors or warnings logged on the inference run', tone: 'plain' };
  const byType = new Map<string, number>();
  for (const e of onRun) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  const list = [...byType].map(([type, n]) => plural(n, type.toLowerCase())).join(', ');
  return { text: `${list} logged on the inference run`, tone: 'warn' };
}

/** The answer as sentence parts, joined with "; " by the view. */
export function whySummary(answer: WhyAnswer): SummaryPart[] {
  const p = answer.prediction;
  return [
    { text: `${p.output} recommended for ${p.subjectKey} at ${formatTime(p.at)}`, tone: 'plain' },
    { ...modelsPart(answer.models), sep: ' ' },
    approvalPart(answer),
    controlPart(answer),
    eventsPart(answer),
  ];
}

/** The whole sentence as text. */
export function whySentence(answer: WhyAnswer): string {
  return `${whySummary(answer)
    .map((part, i) => `${i > 0 ? (part.sep ?? '; ') : ''}${part.text}`)
    .join('')}.`;
}
