import type { PageContext } from '../../platform/views/context.js';
import { ACTION_STATUSES, type ActionStatus } from './schema.js';

/** Whether an action is late: its target date has passed and it is neither done nor dropped (the badge; the database counts by the same rule, queries.ts). */
export const isLate = (a: { targetDate: string | null; status: ActionStatus }, today: string): boolean =>
  a.targetDate !== null && a.targetDate < today && a.status !== 'done' && a.status !== 'dropped';

/** How many actions are in each status, and how many of them are late. */
export interface Figures {
  counts: Record<ActionStatus, number>;
  total: number;
  late: number;
}

/** The figures of a whole plan: the sum of its areas'. */
export function sumFigures(all: Figures[]): Figures {
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  let late = 0;
  let total = 0;
  for (const f of all) {
    for (const s of ACTION_STATUSES) counts[s] += f.counts[s] ?? 0;
    late += f.late;
    total += f.total;
  }
  return { counts, late, total };
}

/** The order the chart stacks the statuses in: what is done first, what will not be last. */
const CHART_ORDER: ActionStatus[] = ['done', 'in_progress', 'planned', 'idea', 'paused', 'dropped'];

/** Colours told apart by people with the common colour-vision deficiencies, each dark enough for white text. */
export const STATUS_COLOURS: Record<ActionStatus, string> = {
  done: '#1a6b34',
  in_progress: '#1d5a9e',
  planned: '#6b4a9e',
  idea: '#5b6470',
  paused: '#8a5a00',
  dropped: '#3d3d3d',
};

const WIDTH = 600;
const HEIGHT = 36;

/**
 * A focus area's progress as a stacked bar drawn on the server, with the same figures in a table
 * beside it: the table is what a screen reader reads (the drawing is marked as an image with a
 * summary of its own), and what a test compares the drawing with.
 */
export function ProgressChart({ ctx, figures, id, caption }: { ctx: PageContext; figures: Figures; id: string; caption: string }) {
  const { t } = ctx;
  let x = 0;
  const segments = CHART_ORDER.filter((s) => figures.counts[s] > 0).map((s) => {
    const width = figures.total ? (figures.counts[s] / figures.total) * WIDTH : 0;
    const seg = { status: s, x, width, count: figures.counts[s] };
    x += width;
    return seg;
  });
  const summary = t('plans.chart.summary', {
    done: figures.counts.done,
    total: figures.total,
    progress: figures.counts.in_progress,
    late: figures.late,
  });
  return (
    <div class="plan-progress">
      <svg
        class="plan-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="none"
        data-total={figures.total}
      >
        <title id={`${id}-title`}>{summary}</title>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#eef0f2" />
        {segments.map((s) => (
          <g key={s.status}>
            <rect
              x={s.x.toFixed(2)}
              y="0"
              width={s.width.toFixed(2)}
              height={HEIGHT}
              fill={STATUS_COLOURS[s.status]}
              data-status={s.status}
              data-count={s.count}
            >
              <title>{`${ctx.tr(`plans.status.${s.status}`)}: ${s.count}`}</title>
            </rect>
            {s.width >= 28 ? (
              <text x={(s.x + s.width / 2).toFixed(2)} y={HEIGHT / 2 + 5} text-anchor="middle" fill="#ffffff" font-size="15">
                {s.count}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <table class="plan-figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.chart.status')}</th>
            <th scope="col">{t('plans.chart.count')}</th>
          </tr>
        </thead>
        <tbody>
          {CHART_ORDER.map((s) => (
            <tr key={s} data-status={s}>
              <th scope="row">
                <span class={`swatch badge--${s}`} aria-hidden="true" />
                {ctx.tr(`plans.status.${s}`)}
              </th>
              <td>{figures.counts[s]}</td>
            </tr>
          ))}
          <tr data-status="late">
            <th scope="row">{t('plans.chart.late')}</th>
            <td>{figures.late}</td>
          </tr>
          <tr data-status="total">
            <th scope="row">{t('plans.chart.total')}</th>
            <td>{figures.total}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
