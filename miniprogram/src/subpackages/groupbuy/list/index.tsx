import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { GroupBuyCampaign } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { ProductImage } from '../../../components/product-image';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { listGroupBuys, openGroup } from '../../../services/group-buy';
import { groupPriceText } from '../group-text';
import '../groupbuy.scss';

function CampaignCard({ campaign }: { campaign: GroupBuyCampaign }) {
  const [busy, setBusy] = useState(false);

  async function start(): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      const { group } = await openGroup(campaign.id);
      void Taro.navigateTo({ url: `/subpackages/groupbuy/detail/index?group=${group.id}` });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="groupbuy__card" role="listitem" data-testid="group-buy-campaign">
      <View className="groupbuy__row">
        <ProductImage className="groupbuy__image" src={campaign.imageUrl} alt={campaign.productName} />
        <View className="groupbuy__body">
          <Text className="groupbuy__title" role="heading" aria-level={2}>
            {campaign.name}
          </Text>
          <Text className="groupbuy__meta">{campaign.productName}</Text>
          <View className="groupbuy__prices">
            <Text className="groupbuy__price" data-testid="group-buy-price">
              {groupPriceText(campaign.groupPrice)}
            </Text>
            {campaign.listPrice > campaign.groupPrice ? (
              <Text className="groupbuy__list-price">
                {t('groupBuy.listPrice', { price: priceText(campaign.listPrice) })}
              </Text>
            ) : null}
          </View>
        </View>
      </View>
      <View className="groupbuy__tags">
        <Text className="groupbuy__tag">{t('groupBuy.size', { size: campaign.groupSize })}</Text>
        <Text className="groupbuy__tag">{t('groupBuy.hours', { hours: campaign.hoursToComplete })}</Text>
        <Text className="groupbuy__tag">{t('groupBuy.perMember', { count: campaign.perMemberLimit })}</Text>
        {campaign.newMembersOnly ? (
          <Text className="groupbuy__tag">{t('groupBuy.newMembersOnly')}</Text>
        ) : null}
      </View>
      {campaign.voucher ? <Text className="groupbuy__hint">{t('groupBuy.voucher')}</Text> : null}
      <Button
        block
        type="primary"
        size="large"
        loading={busy}
        role="button"
        aria-label={`${t('groupBuy.open')} ${campaign.name}`}
        data-testid="group-buy-open"
        onClick={() => void start()}
      >
        {t('groupBuy.open')}
      </Button>
    </View>
  );
}

/** 拼团优惠: the campaigns open now; opening a group pays the leader's seat and shows the group. */
export default function GroupBuyListPage() {
  usePageTitle('title.groupBuys');
  const page = usePageData(listGroupBuys, []);
  return (
    <PageRoot className="groupbuy">
      <PageState page={page} isEmpty={(list) => list.length === 0} emptyTitle={t('groupBuy.empty')}>
        {(campaigns) => (
          <View role="list" aria-label={t('title.groupBuys')} data-testid="group-buy-list">
            {campaigns.map((campaign) => (
              <CampaignCard key={campaign.id} campaign={campaign} />
            ))}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
