import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { CalendarComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// only what the screens draw, rendered as SVG (crisp on phones, and the browser tests can read it)
echarts.use([BarChart, HeatmapChart, LineChart, CalendarComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption & { series: ({ data: unknown[] } & Record<string, unknown>)[] };

/** An Apache ECharts chart; `data-points` and `data-total` say how many data points its series hold and their sum. */
export function Chart({ option, label, height = 260 }: { option: ChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    echarts.getInstanceByDom(element.current!)?.setOption(option, true);
  }, [option]);
  const points = option.series.reduce((sum, series) => sum + series.data.length, 0);
  // a point is a number, or [x, value] (heatmaps)
  const total = option.series.flatMap((series) => series.data).reduce<number>((sum, point) => sum + (Array.isArray(point) ? Number(point[point.length - 1]) : Number(point)) || 0, 0);
  return <div ref={element} className="chart" role="img" aria-label={label} data-points={points} data-total={total} style={{ height }} />;
}
