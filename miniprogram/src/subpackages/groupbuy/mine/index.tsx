import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MyGroup } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { ProductImage } from '../../../components/product-image';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listMyGroups } from '../../../services/group-buy';
import { groupPriceText } from '../group-text';
import '../groupbuy.scss';

function MyGroupCard({ group }: { group: MyGroup }) {
  return (
    <View
      className="groupbuy__card"
      role="link"
      data-testid="my-group"
      onClick={() => void Taro.navigateTo({ url: `/subpackages/groupbuy/detail/index?group=${group.id}` })}
    >
      <View className="groupbuy__row">
        <ProductImage className="groupbuy__image" src={group.imageUrl} alt={group.productName} />
        <View className="groupbuy__body">
          <Text className="groupbuy__title">{group.campaignName}</Text>
          <Text className="groupbuy__price">{groupPriceText(group.groupPrice)}</Text>
          <Text
            className={`groupbuy__status groupbuy__status--${group.status}`}
            data-testid="my-group-status"
          >
            {t(`groupBuy.status.${group.status}`)}
          </Text>
          <Text className="groupbuy__meta">
            {[
              group.leader ? t('groupBuy.leader') : null,
              t(`groupBuy.seat.${group.seatStatus}`),
              t('groupBuy.progress', { paid: group.paidCount, size: group.size }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </View>
      </View>
    </View>
  );
}

/** 我的拼团: the member's groups, newest first; each opens its detail. */
export default function MyGroupsPage() {
  usePageTitle('title.myGroups');
  const page = usePageData(listMyGroups, []);
  return (
    <PageRoot className="groupbuy">
      <PageState page={page} isEmpty={(list) => list.length === 0} emptyTitle={t('groupBuy.myEmpty')}>
        {(groups) => (
          <View role="list" aria-label={t('title.myGroups')} data-testid="my-groups">
            {groups.map((group) => (
              <View key={`${group.id}-${group.orderId}`} role="listitem">
                <MyGroupCard group={group} />
              </View>
            ))}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
