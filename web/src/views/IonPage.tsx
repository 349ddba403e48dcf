/**
 * ION view: the template graph (pipeline and policy nodes, what they send each other) and a
 * timeline of the ION's runs, decisions and events per pipeline node.
 */
import { useMemo } from 'react';
import { ION, ION_TIMELINE, type IonTimeline, type IonView } from '../api/operations';
import { CytoscapeGraph } from '../components/CytoscapeGraph';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { formatTime, prettyJson } from '../format';
import { fromGraphData } from '../graph/model';
import { toElements } from '../graph/to-elements';
import { useQuery } from '../hooks/useQuery';
import { href } from '../routes';

function Timeline({ timeline }: { timeline: IonTimeline }) {
  const times = timeline.nodes.flatMap((lane) => [...lane.runs.map((r) => Date.parse(r.startedAt)), ...lane.events.map((e) => Date.parse(e.at))]).concat(timeline.approvals.map((a) => Date.parse(a.at)));
  if (times.length === 0) return <p className="muted">Nothing happened in this ION yet.</p>;
  const min = Math.min(...times);
  const max = Math.max(...times, min + 1);
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
              <span key={r.id} className={`tick run ${r.status === 'FAILED' ? 'failed' : ''}`} style={{ left: x(r.startedAt) }} title={`${r.id} ${r.status} ${formatTime(r.startedAt)}`} />
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
            <span key={a.id} className={`tick decision ${a.decision}`} style={{ left: x(a.at) }} title={`${a.decision} ${a.modelVersionName} by ${a.reviewer?.name ?? '?'} ${formatTime(a.at)}`} />
          ))}
        </div>
      </div>
      {timeline.truncated && <p className="muted small">Busy lanes show their first {timeline.limit} items.</p>}
    </div>
  );
}

export function IonPage({ id }: { id: string }) {
  const ion = useQuery<{ ion: IonView }>(ION, { id });
  const timeline = useQuery<{ ionTimeline: IonTimeline }>(ION_TIMELINE, { ionId: id, limit: 300 });
  const view = ion.data?.ion;
  const elements = useMemo(() => {
    if (!view) return [];
    const nodes = view.nodes.map((n) => ({ id: n.id, type: 'PipelineNode', label: `${n.name} (${n.role.toLowerCase()})`, properties: { ...n } }));
    const edges = view.edges.map((e) => ({ source: e.from, target: e.to, type: 'SENDS', properties: { message: e.message } }));
    return toElements(fromGraphData({ nodes, edges }), { maxLabel: 40 });
  }, [view]);
  return (
    <section aria-labelledby="ion-title">
      <Status loading={ion.loading} error={ion.error} onRetry={ion.reload} what="the ION" />
      {view && (
        <>
          <h1 id="ion-title">
            ION {view.name} <span className="muted">v{view.version}</span>
          </h1>
          <p>
            {view.description} · {view.instanceCount.toLocaleString('en')} instances · <Link to={href.lineage(view.id)}>open in lineage explorer</Link>
          </p>
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
        {timeline.data && <Timeline timeline={timeline.data.ionTimeline} />}
      </section>
    </section>
  );
}
