/**
 * ION view: the template graph (pipeline and policy nodes, what they send each other) and a
 * timeline of the ION's runs, decisions and events per pipeline node. A slider shows both as
 * they stood at an earlier time (`?asOf=` in the URL).
 */
import { useMemo } from 'react';
import { IonDocument, IonTimelineDocument } from '../api/generated';
import type { IonTimeline } from '../api/operations';
import { CytoscapeGraph } from '../components/CytoscapeGraph';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { formatTime, prettyJson } from '../format';
import { fromGraphData } from '../graph/model';
import { toElements } from '../graph/to-elements';
import { useQuery } from '../hooks/useQuery';
import { useRoute } from '../hooks/useRoute';
import { idleNodes, latestModels, parseAsOf, timelineAsOf, timelineSpan } from '../ion/ion-as-of';
import { href } from '../routes';

/** The lanes, drawn on the axis of the whole span so ticks stay put while the slider moves. */
function Timeline({ timeline, span }: { timeline: IonTimeline; span: { min: number; max: number } | null }) {
  if (!span) return <p className="muted">Nothing happened in this ION yet.</p>;
  const min = span.min;
  const max = Math.max(span.max, min + 1);
  const x = (iso: string) => `${(((Date.parse(iso) - min) / (max - min)) * 100).toFixed(3)}%`;
  return (
    <div className="timeline" data-testid="timeline">
      <div className="axis muted small">
        <span>{formatTime(new Date(min).toISOString())}</span>
        <span>{formatTime(new Date(max).toISOString())}</span>
      </div>
      {timeline.nodes.map((lane) => (
        <div className="lane" key={lane.node.id}>
          <div className="lane-name" title={lane.node.role}>
            {lane.node.name}
            <span className="muted small">
              {' '}
              {lane.runs.length}
              {lane.truncated ? '+' : ''} runs
            </span>
          </div>
          <div className="lane-track">
            {lane.runs.map((r) => (
              <span
                key={r.id}
                className={`tick run ${r.status === 'FAILED' ? 'failed' : ''}`}
                style={{ left: x(r.startedAt) }}
                title={`${r.id} ${r.status} ${formatTime(r.startedAt)}`}
              />
            ))}
            {lane.events.map((e) => (
              <span key={e.id} className={`tick event ${e.type}`} style={{ left: x(e.at) }} title={`${e.type} ${formatTime(e.at)} ${e.message}`} />
            ))}
          </div>
        </div>
      ))}
      <div className="lane">
        <div className="lane-name">Decisions</div>
        <div className="lane-track">
          {timeline.approvals.map((a) => (
            <span
              key={a.id}
              className={`tick decision ${a.decision}`}
              style={{ left: x(a.at) }}
              title={`${a.decision} ${a.modelVersionName} by ${a.reviewer?.name ?? '?'} ${formatTime(a.at)}`}
            />
          ))}
        </div>
      </div>
      {timeline.truncated && <p className="muted small">Busy lanes show their first {timeline.limit} items.</p>}
    </div>
  );
}

/** Slider positions: whole-number steps are reliable in every browser, timestamps as steps are not. */
const STEPS = 1000;

/** Range input over the timeline's span; the far right means "now" (no asOf in the URL). */
function AsOfSlider({ span, asOf, onChange }: { span: { min: number; max: number }; asOf: number | null; onChange: (iso: string | null) => void }) {
  const width = span.max - span.min;
  const position = asOf === null ? STEPS : Math.round(((asOf - span.min) / width) * STEPS);
  const label = asOf === null ? 'now (everything)' : formatTime(new Date(asOf).toISOString());
  return (
    <div className="toolbar" role="group" aria-label="As of">
      <label className="inline">
        As of{' '}
        <input
          type="range"
          min={0}
          max={STEPS}
          step={1}
          value={position}
          onChange={(e) => {
            const step = Number(e.target.value);
            onChange(step >= STEPS ? null : new Date(span.min + (step / STEPS) * width).toISOString());
          }}
          aria-valuetext={label}
        />
      </label>
      <span data-testid="as-of">{label}</span>
      {asOf !== null && (
        <button type="button" onClick={() => onChange(null)}>
          Now
        </button>
      )}
    </div>
  );
}

export function IonPage({ id }: { id: string }) {
  const { params, setParams } = useRoute();
  const ion = useQuery(IonDocument, { id });
  const timeline = useQuery(IonTimelineDocument, { ionId: id, limit: 300 });
  const view = ion.data?.ion;
  const fullTimeline = timeline.data?.ionTimeline ?? null;
  const span = useMemo(() => (fullTimeline ? timelineSpan(fullTimeline) : null), [fullTimeline]);
  const asOf = parseAsOf(params.get('asOf'), span);
  const shown = useMemo(() => (fullTimeline ? timelineAsOf(fullTimeline, asOf) : null), [fullTimeline, asOf]);
  const elements = useMemo(() => {
    if (!view) return [];
    const models = shown ? latestModels(shown) : new Map<string, string>();
    const idle = shown && asOf !== null ? idleNodes(shown) : new Set<string>();
    const nodes = view.nodes.map((n) => {
      const model = models.get(n.id);
      return { id: n.id, type: 'PipelineNode', label: `${n.name} (${n.role.toLowerCase()})${model ? ` · ${model}` : ''}`, properties: { ...n } };
    });
    const edges = view.edges.map((e) => ({ source: e.from, target: e.to, type: 'SENDS', properties: { message: e.message } }));
    const classes = new Map([...idle].map((nodeId) => [nodeId, 'idle']));
    return toElements(fromGraphData({ nodes, edges }), { maxLabel: 48, classes });
  }, [view, shown, asOf]);
  return (
    <section aria-labelledby="ion-title">
      <Status loading={ion.loading} error={ion.error} onRetry={ion.reload} what="the ION" />
      {view && (
        <>
          <h1 id="ion-title">
            ION {view.name} <span className="muted">v{view.version}</span>
          </h1>
          <p>
            {view.description} · {view.instanceCount.toLocaleString('en')} instances · <Link to={href.lineage(view.id)}>open in lineage explorer</Link> ·{' '}
            <Link to={href.monitoring(view.id)}>drift monitoring</Link>
          </p>
          {span && span.max > span.min && <AsOfSlider span={span} asOf={asOf} onChange={(iso) => setParams({ asOf: iso })} />}
          <section className="card">
            <h2>Pipelines and policy nodes</h2>
            <CytoscapeGraph elements={elements} layout="dagre" label={`Template graph of ION ${view.name}`} height={360} />
          </section>
          {view.policy && (
            <details className="card">
              <summary>Policy</summary>
              <pre className="json">{prettyJson(view.policy)}</pre>
            </details>
          )}
        </>
      )}
      <section className="card">
        <h2>Timeline</h2>
        <Status loading={timeline.loading} error={timeline.error} onRetry={timeline.reload} what="the timeline" />
        {shown && <Timeline timeline={shown} span={span} />}
      </section>
    </section>
  );
}
