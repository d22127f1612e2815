import { Text, View } from '@tarojs/components';
import { shanghaiDateTime, type PointsLedgerEntry } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listPointsLedger } from '../../../services/membership';
import './index.scss';

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function EntryRow({ entry }: { entry: PointsLedgerEntry }) {
  return (
    <View className="points-ledger__entry" role="listitem">
      <View className="points-ledger__main">
        <Text className="points-ledger__kind">{t(`points.kind.${entry.kind}`)}</Text>
        <Text className="points-ledger__meta">
          {shanghaiDateTime(new Date(entry.createdAt))}
          {entry.orderId ? ` · ${t('points.order', { id: entry.orderId })}` : ''}
        </Text>
      </View>
      <View className="points-ledger__side">
        <Text
          className={`points-ledger__points ${entry.points > 0 ? 'points-ledger__points--plus' : ''}`}
          data-testid="points-entry"
        >
          {signed(entry.points)}
        </Text>
        <Text className="points-ledger__meta">
          {t('points.balanceAfter', { balance: entry.balanceAfter })}
        </Text>
      </View>
    </View>
  );
}

/** The points ledger, newest first (append-only: earned, spent, returned, taken back, expired). */
export default function PointsLedgerPage() {
  usePageTitle('title.pointsLedger');
  const page = usePageData(async () => (await listPointsLedger(1)).items, []);

  return (
    <PageState page={page} isEmpty={(entries) => entries.length === 0} emptyTitle={t('points.empty')}>
      {(entries) => (
        <View className="points-ledger" role="list" data-testid="points-ledger">
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </View>
      )}
    </PageState>
  );
}
