/** Per-feature contributions as a horizontal bar chart (plain CSS): positive right, negative left. */
export function AttributionChart({ attributions }: { attributions: ReadonlyArray<{ feature: string; contribution: number }> }) {
  if (attributions.length === 0) return <p className="muted">No attributions were recorded for this prediction.</p>;
  const max = Math.max(...attributions.map((a) => Math.abs(a.contribution)), 1e-9);
  return (
    <table className="attributions" aria-label="Feature attributions">
      <tbody>
        {attributions.map((a) => {
          const width = `${(Math.abs(a.contribution) / max) * 50}%`;
          const positive = a.contribution >= 0;
          return (
            <tr key={a.feature}>
              <th scope="row">{a.feature}</th>
              <td className="bar-cell">
                <div className="bar-track">
                  <div className={`bar ${positive ? 'pos' : 'neg'}`} style={positive ? { left: '50%', width } : { right: '50%', width }} />
                </div>
              </td>
              <td className="num">
                {a.contribution >= 0 ? '+' : ''}
                {a.contribution.toFixed(3)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
