/**
 * Monitoring: per ION (optionally only windows a model version served), the drift metric of one
 * feature over time per serving node with the policy threshold and the alerts, the baseline
 * and window histograms of one window side by side, and links into why and lineage.
 */
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { DriftSeriesDocument, PredictionsDuringDriftDocument } from '../api/generated';
import { Link } from '../components/Link';
import { PlotFigure } from '../components/PlotFigure';
import { Status } from '../components/Status';
import { formatTime } from '../format';
import { useQuery } from '../hooks/useQuery';
import { navigate, useRoute } from '../hooks/useRoute';
import { defaultFeature, type DriftWindow, featuresOf, focusWindow, histogramRows, metricOf, windowsOf } from '../monitoring/drift-series';
import { href } from '../routes';

function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(3);
}

function MetricChart({ windows, threshold }: { windows: DriftWindow[]; threshold: number | null }) {
  const options = useMemo(() => {
    const points = windows
      .filter((w) => metricOf(w) !== null)
      .map((w) => ({ at: new Date(w.from), psi: metricOf(w)!, node: w.pipelineNodeId, drifted: w.drifted }));
    return {
      width: 880,
      height: 260,
      y: { label: 'PSI', grid: true },
      x: { label: 'window start', type: 'utc' as const },
      // Node names are in the table and the dots' titles; a legend would add its own SVGs.
      color: { legend: false },
      marks: [
        Plot.lineY(points, { x: 'at', y: 'psi', stroke: 'node' }),
        threshold === null ? null : Plot.ruleY([threshold], { stroke: 'crimson', strokeDasharray: '4,3' }),
        Plot.dot(
          points.filter((p) => p.drifted),
          { x: 'at', y: 'psi', fill: 'crimson', r: 4, title: (p: { node: string; psi: number }) => `${p.node}: PSI ${p.psi.toFixed(3)}` },
        ),
      ],
    };
  }, [windows, threshold]);
  return <PlotFigure options={options} testId="drift-metric-chart" />;
}

function Histograms({ window }: { window: DriftWindow }) {
  const options = useMemo(() => {
    const rows = histogramRows(window);
    return {
      width: 880,
      height: 240,
      marginBottom: 60,
      fx: { label: null, domain: [...new Set(rows.sort((a, b) => a.order - b.order).map((r) => r.bin))], tickRotate: -30 },
      x: { axis: null, domain: ['reference', 'window'] },
      y: { label: 'share', grid: true },
      color: { legend: true, domain: ['reference', 'window'], range: ['#8aa1b1', '#d9534f'] },
      marks: [Plot.barY(rows, { fx: 'bin', x: 'side', y: 'share', fill: 'side' }), Plot.ruleY([0])],
    };
  }, [window]);
  return <PlotFigure options={options} testId="drift-histograms" />;
}

function DuringDrift({ ionId, feature }: { ionId: string; feature: string }) {
  const { data } = useQuery(PredictionsDuringDriftDocument, { ionId, feature });
  const items = data?.predictionsDuringDrift.items ?? [];
  if (!items.length) return null;
  return (
    <p className="small">
      Predictions made while {feature} drifted:{' '}
      {items.map((p) => (
        <Link key={p.id} to={href.why(p.id)} className="drift-prediction">
          {p.id}{' '}
        </Link>
      ))}
      …
    </p>
  );
}

export function MonitoringPage({ ionId }: { ionId: string }) {
  const { params } = useRoute();
  const modelVersionId = params.get('model');
  const { data, error, loading } = useQuery(DriftSeriesDocument, { ionId, modelVersionId });
  const series = data?.driftSeries ?? [];
  const feature = defaultFeature(series, params.get('feature'));
  const windows = feature ? windowsOf(series, feature) : [];
  const focus = focusWindow(windows, params.get('window'));
  const threshold = data?.driftPolicy?.psiThreshold ?? null;
  const alerts = windows.filter((w) => w.drifted);
  const go = (next: Record<string, string | null>) => {
    const q = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) q.delete(k);
      else q.set(k, v);
    }
    navigate(`${href.monitoring(ionId)}?${q.toString()}`);
  };

  return (
    <section className="monitoring">
      <h1>
        Monitoring <Link to={href.ion(ionId)}>{ionId}</Link>
        {modelVersionId ? (
          <span className="muted">
            {' '}
            · windows served by <Link to={href.modelVersion(modelVersionId)}>{modelVersionId}</Link>
          </span>
        ) : null}
      </h1>
      <Status loading={loading} error={error} what="drift monitoring" />
      {data && !data.driftPolicy ? <p className="muted">No drift policy is set for this ION.</p> : null}
      {data && series.length === 0 ? <p className="muted">No evaluated windows yet.</p> : null}
      {feature ? (
        <>
          <nav className="feature-tabs" aria-label="features">
            {featuresOf(series).map((f) => (
              <button
                key={f}
                className={f === feature ? 'active' : ''}
                data-drifted={series.some((w) => w.feature === f && w.drifted)}
                onClick={() => go({ feature: f, window: null })}
              >
                {f}
              </button>
            ))}
          </nav>
          <h2 data-testid="drift-feature">{feature}</h2>
          <p className="small muted">
            PSI per window{threshold !== null ? `; threshold ${threshold}` : ''}; red dots are alerts ({alerts.length}).
          </p>
          <MetricChart windows={windows} threshold={threshold} />
          {focus ? (
            <>
              <h3>
                {focus.histogram?.against === 'PREVIOUS' ? 'Previous window' : 'Training baseline'} vs window {formatTime(focus.from)} on {focus.pipelineNodeId}
                {focus.baselineDatasetVersionId ? (
                  <>
                    {' '}
                    (<Link to={href.lineage(focus.baselineDatasetVersionId)}>{focus.baselineDatasetVersionId}</Link>)
                  </>
                ) : null}
              </h3>
              <Histograms window={focus} />
            </>
          ) : null}
          <DuringDrift ionId={ionId} feature={feature} />
          <table className="drift-table" data-testid="drift-table">
            <thead>
              <tr>
                <th>window</th>
                <th>node</th>
                <th>n</th>
                <th>PSI</th>
                <th>KS</th>
                <th>JS</th>
                <th>PSI vs previous</th>
                <th>alert</th>
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={w.id} className={w.drifted ? 'drifted' : ''} data-window={w.id} onClick={() => go({ window: w.id })}>
                  <td>{formatTime(w.from)}</td>
                  <td>{w.pipelineNodeId}</td>
                  <td>{w.count}</td>
                  <td className="psi">{w.withheld ? 'withheld' : fmt(w.psi)}</td>
                  <td>{fmt(w.ks)}</td>
                  <td>{fmt(w.js)}</td>
                  <td>{fmt(w.psiPrevious)}</td>
                  <td>{w.alertEventId ? <Link to={href.lineage(w.alertEventId)}>DRIFT</Link> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
