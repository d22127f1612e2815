import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { instantText } from '../../../components/coupon-offer';
import { estimateText, tradeInSummary } from '../../../components/trade-in-text';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listMyTradeIns } from '../../../services/trade-ins';
import '../member.scss';

/** 我的以旧换新: each trade-in with its status, newest first. */
export default function MyTradeInsPage() {
  usePageTitle('title.myTradeIns');
  const page = usePageData(() => listMyTradeIns(), []);

  return (
    <PageRoot className="member-page">
      <PageState page={page} isEmpty={(list) => list.length === 0} emptyTitle={t('tradeIn.empty')}>
        {(list) => (
          <View data-testid="my-trade-ins">
            {list.map((tradeIn) => (
              <View
                key={tradeIn.id}
                className="member-page__card"
                role="link"
                data-testid="trade-in-row"
                onClick={() =>
                  void Taro.navigateTo({ url: `/subpackages/member/trade-in-detail/index?id=${tradeIn.id}` })
                }
              >
                <Text className="member-page__status" data-testid="trade-in-status">
                  {t(`tradeIn.status.${tradeIn.status}`)}
                </Text>
                <Text className="member-page__text">{tradeInSummary(tradeIn)}</Text>
                <Text className="member-page__hint">{estimateText(tradeIn)}</Text>
                <Text className="member-page__hint">{instantText(tradeIn.createdAt)}</Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
      <View className="member-page__actions">
        <Button
          block
          type="primary"
          role="link"
          aria-label={t('tradeIn.new')}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/member/trade-in/index' })}
        >
          {t('tradeIn.new')}
        </Button>
      </View>
    </PageRoot>
  );
}
