import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import type { Dashboard } from '../../../../shared/dashboard';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import layout from '../../ui/layout.module.css';
import styles from './Dashboard.module.css';

type Week = Dashboard['interactionsPerWeek'][number];

/**
 * Interactions per week as a bar chart with labelled axes and a tooltip. recharts draws SVG and
 * sets its few styles through React style props (CSSOM), which the CSP's style-src 'self' allows;
 * nothing here adds a <style> element or a style="" string.
 */
export function WeeklyChart({ weeks }: { weeks: Week[] }) {
  const t = useT();
  const fmt = useFormat();
  const data = weeks.map((w) => ({ week: fmt.monthDay(w.weekStart), count: w.count, weekStart: w.weekStart }));
  const Content = ({ active, payload }: TooltipContentProps<ValueType, NameType>) => {
    const point = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
    if (!point) return null;
    return (
      <div className={styles.tooltip} data-testid="chart-tooltip">
        {t('activity.chart.tooltip', { week: point.week, count: point.count })}
      </div>
    );
  };
  return (
    <figure className={styles.chart} aria-label={t('dash.chart')} data-testid="dashboard-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="week" label={{ value: t('activity.chart.weekAxis'), position: 'insideBottom', offset: -16 }} />
          <YAxis allowDecimals={false} width={48} label={{ value: t('activity.chart.countAxis'), angle: -90, position: 'insideLeft' }} />
          <Tooltip content={Content} cursor={{ fillOpacity: 0.1 }} isAnimationActive={false} />
          <Bar dataKey="count" name={t('activity.chart.countAxis')} fill="var(--color-accent, #1f5f8b)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className={layout.hint}>{t('dash.chart')}</figcaption>
    </figure>
  );
}
