/**
 * Renders one Observable Plot chart. The chart is rebuilt when its options change and removed
 * on unmount; React owns only the container.
 */
import { plot, type PlotOptions } from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export function PlotFigure({ options, testId }: { options: PlotOptions; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = plot(options);
    ref.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [options]);
  return <div ref={ref} className="plot" data-testid={testId} />;
}
