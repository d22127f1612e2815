import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AUTO_TAGS, KOC_TAG } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { PageRoot } from '../../../components/page-root';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listMyCustomers, listStaffSegments } from '../../../services/tags';
import '../desk.scss';

/** Tags staff filter their customers by most: the purchase classes and the service tags. */
const FILTER_TAGS = [
  AUTO_TAGS.class('D'),
  AUTO_TAGS.class('C'),
  AUTO_TAGS.quadrant.core,
  AUTO_TAGS.quadrant.recall,
  AUTO_TAGS.examOverdue,
  AUTO_TAGS.childWearer,
  AUTO_TAGS.presbyopia,
  AUTO_TAGS.contactLens,
  KOC_TAG,
];

type Filter = { tag?: string; segmentId?: number };

function Chip({ label, on, onPress }: { label: string; on: boolean; onPress: () => void }) {
  return (
    <View
      className={`desk__chip${on ? ' desk__chip--on' : ''}`}
      role="button"
      aria-pressed={on}
      aria-label={label}
      onClick={onPress}
    >
      <Text>{label}</Text>
    </View>
  );
}

/** My own customers (owner = me), by tag or saved segment. */
export default function StaffMyCustomersPage() {
  usePageTitle('title.staffMyCustomers');
  const [filter, setFilter] = useState<Filter>({});
  const segments = usePageData(() => listStaffSegments(), []);
  const page = usePageData(() => listMyCustomers(filter), [filter]);
  const none = !filter.tag && filter.segmentId === undefined;

  return (
    <PageRoot className="desk" data-testid="my-customers-page">
      <Text className="section-title">{t('tags.filterTag')}</Text>
      <View className="desk__chips" role="group" aria-label={t('tags.filterTag')}>
        <Chip label={t('tags.filterAll')} on={none} onPress={() => setFilter({})} />
        {FILTER_TAGS.map((tag) => (
          <Chip key={tag} label={tag} on={filter.tag === tag} onPress={() => setFilter({ tag })} />
        ))}
      </View>
      {segments.data && segments.data.length > 0 ? (
        <>
          <Text className="section-title">{t('tags.filterSegment')}</Text>
          <View className="desk__chips" role="group" aria-label={t('tags.filterSegment')}>
            {segments.data.map((segment) => (
              <Chip
                key={segment.id}
                label={segment.name}
                on={filter.segmentId === segment.id}
                onPress={() => setFilter({ segmentId: segment.id })}
              />
            ))}
          </View>
        </>
      ) : null}
      <PageState page={page} isEmpty={(data) => data.items.length === 0} emptyTitle={t('tags.noCustomers')}>
        {(data) => (
          <View data-testid="my-customers">
            <Text className="desk__meta desk__total">{t('tags.total', { total: data.total })}</Text>
            {data.items.map((customer) => (
              <View
                key={customer.id}
                className="desk__card desk__result"
                role="link"
                aria-label={customer.nickname ?? String(customer.id)}
                onClick={() =>
                  void Taro.navigateTo({ url: `/subpackages/staff/customer/index?memberId=${customer.id}` })
                }
              >
                <View className="desk__row">
                  <Text className="desk__name">{customer.nickname ?? `#${customer.id}`}</Text>
                  <Text className="desk__meta">
                    {t('tags.class', { class: customer.purchaseClass })}
                    {customer.quadrant ? ` · ${t(`tags.quadrant.${customer.quadrant}`)}` : ''}
                  </Text>
                </View>
                <Text className="desk__meta">{customer.tags.join('、')}</Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
