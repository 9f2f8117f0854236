import { useEffect, useRef } from 'react';
// Only the parts a bar chart needs, so the rest of Chart.js stays out of the bundle. Chart.js draws on
// a canvas and sets sizes through the DOM, never with inline <style> or eval: the server's CSP holds.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ActiveElement, type ChartEvent } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = '#5b6878';

export interface BarSeries {
  label: string;
  data: (number | null)[];
  color: string;
}

interface Props {
  labels: readonly string[];
  series: readonly BarSeries[];
  /** Bars along the y axis: for long labels (categories, offices). */
  horizontal?: boolean;
  /** What the chart shows, for screen readers; the page's table carries the figures themselves. */
  label: string;
  /** The words inside the canvas, for browsers that draw nothing. */
  fallback: string;
  /** A bar (or its band) was clicked: the index of its label. */
  onBarClick?: (index: number) => void;
  testId?: string;
}

const sizeClass = (n: number, horizontal: boolean) =>
  !horizontal ? 'chart-box' : n <= 4 ? 'chart-box chart-box-s' : n <= 10 ? 'chart-box chart-box-m' : 'chart-box chart-box-l';

/** A thin React wrapper around a Chart.js bar chart: made once per orientation, its data replaced in place. */
export function BarChart({ labels, series, horizontal = false, label, fallback, onBarClick, testId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar', (number | null)[], string> | null>(null);
  const clickRef = useRef(onBarClick);
  useEffect(() => {
    clickRef.current = onBarClick;
  }, [onBarClick]);
  const clickable = !!onBarClick;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const valueAxis = horizontal ? 'x' : 'y';
    const chart = new Chart<'bar', (number | null)[], string>(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        // Figures, not a show: drawn at once (and nothing moves for those who asked for less motion).
        animation: false,
        // A click anywhere in a label's band counts, not only on the bar: small bars stay easy to hit.
        interaction: { mode: 'index', intersect: false, axis: horizontal ? 'y' : 'x' },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 14 } },
        },
        scales: {
          [valueAxis]: { beginAtZero: true, ticks: { precision: 0 } },
        },
        onClick: (event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
          // Chart.js hands a click outside the plot (on the legend, to hide a series) the bar last
          // hovered: only a click on the plot itself opens anything.
          const area = chart.chartArea;
          const { x, y } = event;
          if (x === null || y === null || x < area.left || x > area.right || y < area.top || y > area.bottom) return;
          const first = elements[0];
          if (first && clickRef.current) clickRef.current(first.index);
        },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [horizontal]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data.labels = [...labels];
    chart.data.datasets = series.map((s) => ({
      label: s.label, data: [...s.data], backgroundColor: s.color, borderColor: s.color, borderWidth: 0, maxBarThickness: 48,
    }));
    if (chart.options.plugins?.legend) chart.options.plugins.legend.display = series.length > 1;
    chart.update();
  }, [labels, series, horizontal]);

  return (
    <div className={`${sizeClass(labels.length, horizontal)}${clickable ? ' chart-clickable' : ''}`} data-testid={testId}>
      <canvas ref={canvasRef} role="img" aria-label={label}>
        {fallback}
      </canvas>
    </div>
  );
}
