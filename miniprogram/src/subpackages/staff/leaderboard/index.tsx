import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { PageRoot } from '../../../components/page-root';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { fetchLeaderboard } from '../../../services/tags';
import '../desk.scss';

/**
 * The store's staff ranked for the week or month, with a bar chart of sales: the bars are drawn
 * for the eye, and the same figures are in the text of each row and in the chart's label.
 */
export default function StaffLeaderboardPage() {
  usePageTitle('title.staffLeaderboard');
  const [period, setPeriod] = useState<'week' | 'month'>('week');
  const page = usePageData(() => fetchLeaderboard(period), [period]);

  return (
    <PageRoot className="desk" data-testid="leaderboard-page">
      <View className="desk__chips" role="group" aria-label={t('title.staffLeaderboard')}>
        {(['week', 'month'] as const).map((value) => (
          <View
            key={value}
            className={`desk__chip${period === value ? ' desk__chip--on' : ''}`}
            role="button"
            aria-pressed={period === value}
            aria-label={t(`board.${value}`)}
            onClick={() => setPeriod(value)}
          >
            <Text>{t(`board.${value}`)}</Text>
          </View>
        ))}
      </View>
      <PageState page={page} isEmpty={(board) => board.items.length === 0} emptyTitle={t('board.empty')}>
        {(board) => {
          const top = Math.max(1, ...board.items.map((item) => item.sales));
          const summary = board.items.map((item) => `${item.name} ${formatFen(item.sales)}`).join('，');
          return (
            <View data-testid="leaderboard">
              <View className="desk__card" role="img" aria-label={t('board.chart', { summary })}>
                {board.items.map((item) => (
                  <View key={item.staffId} className="desk__row" aria-hidden>
                    <Text className="desk__meta">{item.name}</Text>
                    <View
                      className="desk__bar"
                      style={{ width: `${Math.round((item.sales / top) * 60)}%` }}
                    />
                  </View>
                ))}
              </View>
              {board.items.map((item) => (
                <View key={item.staffId} className="desk__card" data-testid="leaderboard-row">
                  <View className="desk__row">
                    <Text className="desk__name">{t('board.rank', { rank: item.rank })}</Text>
                    <Text className="desk__name">{item.name}</Text>
                  </View>
                  <Text className="desk__meta">{t('board.sales', { amount: formatFen(item.sales) })}</Text>
                  <Text className="desk__meta">
                    {t('board.figures', {
                      added: item.membersAdded,
                      coupons: item.couponsRedeemed,
                      orders: item.orders,
                      referrals: item.referrals,
                      tasks: item.tasksDone,
                    })}
                  </Text>
                </View>
              ))}
            </View>
          );
        }}
      </PageState>
    </PageRoot>
  );
}
