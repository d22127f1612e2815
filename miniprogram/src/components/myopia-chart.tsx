import { Text, View } from '@tarojs/components';
import { formatDiopters, type MyopiaTrend } from '@lensloop/shared';
import { t } from '../i18n';
import './myopia-chart.scss';

// Plot geometry in px (inline styles are not rescaled by Taro, so the chart keeps this size).
const WIDTH = 320;
const HEIGHT = 180;
const LEFT = 48;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const STEP = 50;
const LABEL_FONT = '14px';
const DOT = 8;

interface Point {
  x: number;
  y: number;
}

const SERIES = [
  { key: 'odSE', label: 'rx.od', className: 'myopia-chart__series--od' },
  { key: 'osSE', label: 'rx.os', className: 'myopia-chart__series--os' },
] as const;

function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function axisLabelStyle(y: number) {
  return { top: `${y - 8}px`, width: `${LEFT - 4}px`, fontSize: LABEL_FONT };
}

/** A straight segment between two points, drawn as a rotated hairline. */
function Segment({ from, to }: { from: Point; to: Point }) {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const angle = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
  return (
    <View
      className="myopia-chart__line"
      style={{
        left: `${from.x}px`,
        top: `${from.y - 1}px`,
        width: `${length}px`,
        height: '2px',
        transform: `rotate(${angle}deg)`,
      }}
    />
  );
}

function changeText(from: number, to: number): string {
  const change = to - from;
  if (change < 0) return t('fitting.changeDeeper', { degrees: -change });
  if (change > 0) return t('fitting.changeLighter', { degrees: change });
  return t('fitting.changeNone');
}

/** What changed between the first and the last exam, in one sentence and in 度. */
function trendSentence(trend: MyopiaTrend): string {
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  return t('fitting.change', {
    from: first.examDate,
    to: last.examDate,
    od: changeText(first.odSE, last.odSE),
    os: changeText(first.osSE, last.osSE),
  });
}

/** The chart's numbers for screen readers, which cannot read a drawing. */
function ChartTable({ trend }: { trend: MyopiaTrend }) {
  const headers = [t('fitting.chartDate'), t('rx.od'), t('rx.os')];
  return (
    <View className="sr-only" role="table" aria-label={t('fitting.chartTable')} data-testid="myopia-table">
      <View role="row">
        {headers.map((header) => (
          <Text key={header} role="columnheader">
            {header}
          </Text>
        ))}
      </View>
      {trend.points.map((point) => (
        <View key={point.examDate} role="row">
          <Text role="rowheader">{point.examDate}</Text>
          <Text role="cell">{formatDiopters(point.odSE)}</Text>
          <Text role="cell">{formatDiopters(point.osSE)}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * Spherical equivalent per eye over time, drawn with plain Views so that it renders the same in the
 * weapp and H5 builds without a chart library. More myopic (more negative) is lower.
 */
export function MyopiaChart({ trend }: { trend: MyopiaTrend }) {
  const values = trend.points.flatMap((point) => [point.odSE, point.osSE]);
  const max = Math.ceil(Math.max(...values) / STEP) * STEP + STEP / 2;
  const min = Math.floor(Math.min(...values) / STEP) * STEP - STEP / 2;
  const first = dayOf(trend.points[0].examDate);
  const last = dayOf(trend.points[trend.points.length - 1].examDate);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const position = (date: string, se: number): Point => ({
    x: LEFT + (last === first ? plotWidth / 2 : ((dayOf(date) - first) / (last - first)) * plotWidth),
    y: TOP + ((max - se) / (max - min)) * plotHeight,
  });

  return (
    <View className="myopia-chart" data-testid="myopia-chart" role="img" aria-label={t('fitting.chartTitle')}>
      <View className="myopia-chart__plot" style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}>
        <Text className="myopia-chart__axis-label" style={axisLabelStyle(TOP)}>
          {formatDiopters(max)}
        </Text>
        <Text className="myopia-chart__axis-label" style={axisLabelStyle(TOP + plotHeight)}>
          {formatDiopters(min)}
        </Text>
        <View
          className="myopia-chart__frame"
          style={{ left: `${LEFT}px`, top: `${TOP}px`, width: `${plotWidth}px`, height: `${plotHeight}px` }}
        />
        {SERIES.map((series) => {
          const points = trend.points.map((point) => position(point.examDate, point[series.key]));
          return (
            <View key={series.key} className={`myopia-chart__series ${series.className}`}>
              {points.slice(1).map((point, index) => (
                <Segment key={`line-${index}`} from={points[index]} to={point} />
              ))}
              {points.map((point, index) => (
                <View
                  key={`dot-${index}`}
                  className="myopia-chart__dot"
                  data-testid={`chart-dot-${series.key}`}
                  style={{
                    left: `${point.x - DOT / 2}px`,
                    top: `${point.y - DOT / 2}px`,
                    width: `${DOT}px`,
                    height: `${DOT}px`,
                  }}
                />
              ))}
            </View>
          );
        })}
        <Text
          className="myopia-chart__date"
          style={{ left: `${LEFT}px`, top: `${HEIGHT - 20}px`, fontSize: LABEL_FONT }}
        >
          {trend.points[0].examDate}
        </Text>
        {trend.points.length > 1 ? (
          <Text
            className="myopia-chart__date"
            style={{ right: `${RIGHT}px`, top: `${HEIGHT - 20}px`, fontSize: LABEL_FONT }}
          >
            {trend.points[trend.points.length - 1].examDate}
          </Text>
        ) : null}
      </View>
      {trend.points.length > 1 ? (
        <Text className="myopia-chart__summary" data-testid="trend-sentence">
          {trendSentence(trend)}
        </Text>
      ) : null}
      <ChartTable trend={trend} />
      <View className="myopia-chart__legend">
        {SERIES.map((series) => (
          <View key={series.key} className={`myopia-chart__legend-item ${series.className}`}>
            <View className="myopia-chart__legend-swatch" />
            <Text>{t(series.label)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
