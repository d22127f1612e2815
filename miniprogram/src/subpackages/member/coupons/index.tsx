import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { COUPON_STATUSES, type CouponStatus } from '@lensloop/shared';
import { CouponCard } from '../../../components/coupon-card';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listMyCoupons } from '../../../services/coupons';
import '../member.scss';

/** 我的优惠券: available / used / expired; an available one opens its in-store QR. */
export default function MyCouponsPage() {
  usePageTitle('title.myCoupons');
  const [status, setStatus] = useState<CouponStatus>('available');
  const page = usePageData(() => listMyCoupons(status), [status]);

  return (
    <PageRoot className="member-page">
      <View className="member-page__tabs" role="tablist" aria-label={t('title.myCoupons')}>
        {COUPON_STATUSES.map((tab) => (
          <View
            key={tab}
            role="tab"
            aria-selected={tab === status}
            aria-label={t(`coupon.status.${tab}`)}
            data-testid={`coupon-tab-${tab}`}
            className={`member-page__tab${tab === status ? ' member-page__tab--active' : ''}`}
            onClick={() => setStatus(tab)}
          >
            {t(`coupon.status.${tab}`)}
          </View>
        ))}
      </View>
      <PageState page={page} isEmpty={(coupons) => coupons.length === 0} emptyTitle={t('coupon.empty')}>
        {(coupons) => (
          <View data-testid="my-coupons">
            {coupons.map((coupon) => (
              <CouponCard
                key={coupon.id}
                offer={coupon}
                validity={{ from: coupon.validFrom, to: coupon.validTo }}
                muted={coupon.status !== 'available'}
                testId="my-coupon"
              >
                {coupon.status === 'available' ? (
                  <Button
                    size="small"
                    type="primary"
                    role="button"
                    aria-label={t('coupon.useInStoreFor', { name: coupon.name })}
                    onClick={() =>
                      void Taro.navigateTo({ url: `/subpackages/member/coupon-code/index?id=${coupon.id}` })
                    }
                  >
                    {t('coupon.useInStore')}
                  </Button>
                ) : (
                  <Text className="member-page__hint">{t(`coupon.status.${coupon.status}`)}</Text>
                )}
              </CouponCard>
            ))}
          </View>
        )}
      </PageState>
      <View className="member-page__actions">
        <Button
          block
          type="default"
          role="link"
          aria-label={t('coupon.claimCentre')}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/member/claim/index' })}
        >
          {t('coupon.claimCentre')}
        </Button>
      </View>
    </PageRoot>
  );
}
