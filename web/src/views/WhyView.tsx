/**
 * Why view: the plain-words answer, attributions, the control prediction beside the primary,
 * the models, and the subgraph behind the answer drawn left to right with a details panel.
 * The selected node is kept in `?node=` so a link shows the same selection.
 */
import { useMemo, useRef } from 'react';
import { WhyDocument } from '../api/generated';
import type { WhyAnswer } from '../api/operations';
import { AttributionChart } from '../components/AttributionChart';
import { CytoscapeGraph, type GraphHandle } from '../components/CytoscapeGraph';
import { DetailsPanel } from '../components/DetailsPanel';
import { Legend } from '../components/Legend';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { formatTime } from '../format';
import { countByType, fromGraphData } from '../graph/model';
import { toElements } from '../graph/to-elements';
import { useQuery } from '../hooks/useQuery';
import { useRoute } from '../hooks/useRoute';
import { href } from '../routes';
import { ReplayPanel } from '../replay/ReplayPanel';
import { controlPredictionId, modelLabel, whySummary } from '../why/why-summary';

export type WhyTarget = { predictionId: string } | { subjectKey: string; at: string | null };

function Comparison({ answer }: { answer: WhyAnswer }) {
  const { prediction: p, control } = answer;
  // Explaining the control's own prediction: the "control" of the answer is then the primary one.
  const otherName = answer.inferenceRun.kind === 'CONTROL' ? 'Primary' : 'Control';
  return (
    <table className="compare" data-testid="control-compare">
      <thead>
        <tr>
          <th />
          <th scope="col">Output</th>
          <th scope="col">Score</th>
          <th scope="col">Pipeline</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{otherName === 'Primary' ? 'This (control)' : 'This (primary)'}</th>
          <td>
            <strong>{p.output}</strong>
          </td>
          <td>{p.score?.toFixed(3) ?? '—'}</td>
          <td>{answer.inferenceRun.pipelineNode?.name ?? '—'}</td>
        </tr>
        {control ? (
          <tr className={control.differs ? 'differs' : ''}>
            <th scope="row">{otherName}</th>
            <td>
              <strong>{control.output}</strong> {control.differs ? <span className="badge warn">differs</span> : <span className="badge ok">agrees</span>}
            </td>
            <td>{control.score?.toFixed(3) ?? '—'}</td>
            <td>{control.pipelineNode?.name ?? '—'}</td>
          </tr>
        ) : (
          <tr>
            <th scope="row">{otherName}</th>
            <td colSpan={3} className="muted">
              none recorded
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Models({ answer }: { answer: WhyAnswer }) {
  if (answer.models.length === 0) return <p className="warn-text">The prediction recorded no model version.</p>;
  return (
    <ul className="models">
      {answer.models.map((m) => (
        <li key={m.id}>
          <Link to={href.modelVersion(m.id)}>{modelLabel(m)}</Link> <span className="badge">{m.status}</span>
          {m.members.length > 0 && (
            <ul>
              {m.members.map((x) => (
                <li key={x.id}>
                  <Link to={href.modelVersion(x.id)}>{modelLabel(x)}</Link> weight {x.weight?.toFixed(2) ?? '?'} <span className="badge">{x.status}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

export function WhyView({ target }: { target: WhyTarget }) {
  const { params, setParams } = useRoute();
  const variables = 'predictionId' in target ? { predictionId: target.predictionId } : { subjectKey: target.subjectKey, at: target.at };
  const { data, error, loading, reload } = useQuery(WhyDocument, variables);
  const answer = data?.why ?? null;
  const graphRef = useRef<GraphHandle>(null);
  const selected = params.get('node');

  const controlId = answer ? controlPredictionId(answer) : null;
  const model = useMemo(() => {
    if (!answer) return null;
    // The control pipeline's prediction says so in its label, in the drawing and in the node list.
    const nodes = answer.subgraph.nodes.map((n) => ({ ...n, label: n.id === controlId ? `${n.label} (control)` : n.label, properties: {} }));
    return fromGraphData({ nodes, edges: answer.subgraph.edges }, answer.prediction.id);
  }, [answer, controlId]);
  const elements = useMemo(() => {
    if (!model || !answer) return [];
    const classes = new Map<string, string>();
    if (controlId) classes.set(controlId, 'control');
    if (answer.control?.differs) classes.set(answer.control.predictionId, [classes.get(answer.control.predictionId), 'differs'].filter(Boolean).join(' '));
    return toElements(model, { classes });
  }, [model, answer, controlId]);
  const selectedNode = selected && model ? (model.nodes.get(selected) ?? null) : null;

  return (
    <section aria-labelledby="why-title">
      <h1 id="why-title">
        Why this prediction?{' '}
        {answer?.inferenceRun.kind === 'CONTROL' && (
          <span className="badge control" data-testid="control-label" title="Made by the control pipeline that runs beside the primary one">
            control prediction
          </span>
        )}
      </h1>
      <Status loading={loading} error={error} onRetry={reload} what="the answer" />
      {answer && (
        <>
          <p className="answer" data-testid="why-answer">
            {whySummary(answer).map((part, i) => (
              <span key={i} className={part.tone === 'warn' ? 'warn-text' : undefined}>
                {i > 0 ? (part.sep ?? '; ') : ''}
                {part.text}
              </span>
            ))}
            .
          </p>
          <p className="muted small">
            Prediction <code>{answer.prediction.id}</code> · request <code>{answer.prediction.requestId}</code> · inference run{' '}
            <Link to={href.lineage(answer.inferenceRun.id)}>{answer.inferenceRun.id}</Link> ·{' '}
            {answer.deployment && (
              <>
                {answer.deployment.role ?? 'deployment'} deployment <Link to={href.lineage(answer.deployment.id)}>{answer.deployment.id}</Link> since{' '}
                {formatTime(answer.deployment.from)} ·{' '}
              </>
            )}
            {answer.reproducible ? 'reproducible (every ingredient recorded)' : <span className="warn-text">not fully reproducible</span>} ·{' '}
            <Link to={href.lineage(answer.prediction.id)}>open in lineage explorer</Link>
          </p>
          <div className="why-grid">
            <section className="card">
              <h2>Prediction and control</h2>
              <Comparison answer={answer} />
              <h2>Models</h2>
              <Models answer={answer} />
              {answer.events.length > 0 && (
                <>
                  <h2>Events around {formatTime(answer.prediction.at)}</h2>
                  <ul className="events">
                    {answer.events.map((e) => (
                      <li key={e.id}>
                        <span className={`badge ${e.type === 'ERROR' ? 'warn' : ''}`}>{e.type}</span> {formatTime(e.at)} {e.message}
                        {e.runId !== answer.inferenceRun.id && <span className="muted"> (control run)</span>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <section className="card">
              <h2>Feature attributions</h2>
              {answer.prediction.masked ? (
                <p className="muted" data-testid="restricted-withheld">
                  Withheld: this prediction holds restricted (PII/PHI) data and your role may not see it. Its subject key is masked, and its inputs and
                  attributions are left out (with the model’s coefficients they would give the inputs back).
                </p>
              ) : (
                <AttributionChart attributions={answer.prediction.attributions} />
              )}
            </section>
          </div>
          <ReplayPanel key={answer.prediction.id} predictionId={answer.prediction.id} />
          <section className="card">
            <h2>The lineage behind the answer</h2>
            <p className="muted small">Data on the left, the prediction on the right. Click a node for its properties.</p>
            {model && <Legend counts={countByType(model)} />}
            <div className="graph-row">
              <CytoscapeGraph
                elements={elements}
                layout="dagre"
                selectedId={selected}
                onSelect={(id) => setParams({ node: id })}
                handle={graphRef}
                label="Lineage subgraph of the prediction"
                height={640}
              />
              {selectedNode && <DetailsPanel node={selectedNode} onClose={() => setParams({ node: null })} />}
            </div>
            <label className="inline">
              Select a node:{' '}
              <select value={selected ?? ''} onChange={(e) => setParams({ node: e.target.value || null })}>
                <option value="">—</option>
                {model &&
                  [...model.nodes.values()].map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.type}: {n.label}
                    </option>
                  ))}
              </select>
            </label>{' '}
            <button type="button" onClick={() => graphRef.current?.fit()}>
              Fit
            </button>
          </section>
        </>
      )}
    </section>
  );
}
