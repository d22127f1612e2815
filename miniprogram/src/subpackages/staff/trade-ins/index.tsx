import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { instantText } from '../../../components/coupon-offer';
import { PageState } from '../../../components/page-state';
import { estimateText, tradeInSummary } from '../../../components/trade-in-text';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listSubmittedTradeIns } from '../../../services/trade-ins';
import '../desk.scss';

/** 以旧换新验收: the store's submitted trade-ins waiting for inspection. */
export default function StaffTradeInsPage() {
  usePageTitle('title.staffTradeIns');
  const page = usePageData(() => listSubmittedTradeIns(), []);
  return (
    <PageState page={page} isEmpty={(list) => list.length === 0} emptyTitle={t('tradeIn.noneToInspect')}>
      {(list) => (
        <View className="desk" data-testid="staff-trade-ins">
          {list.map((tradeIn) => (
            <View
              key={tradeIn.id}
              className="desk__card desk__result"
              role="link"
              onClick={() =>
                void Taro.navigateTo({ url: `/subpackages/staff/trade-in/index?id=${tradeIn.id}` })
              }
            >
              <Text className="desk__name">{tradeInSummary(tradeIn)}</Text>
              <Text className="desk__meta">{estimateText(tradeIn)}</Text>
              <Text className="desk__meta">{instantText(tradeIn.createdAt)}</Text>
            </View>
          ))}
        </View>
      )}
    </PageState>
  );
}
