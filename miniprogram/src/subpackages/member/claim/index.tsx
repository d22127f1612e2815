import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ClaimableCoupon } from '@lensloop/shared';
import { CouponCard } from '../../../components/coupon-card';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { claimCoupon, listClaimableCoupons } from '../../../services/coupons';
import '../member.scss';

function stateText(coupon: ClaimableCoupon): string | null {
  if (coupon.remaining === 0) return t('error.COUPON_SOLD_OUT');
  if (coupon.claimableByMe <= 0) return t('error.COUPON_LIMIT_REACHED');
  return null;
}

/** 领券中心: claimable templates; sold out and "limit reached" said in words, before and after a tap. */
export default function ClaimCentrePage() {
  usePageTitle('title.claimCentre');
  const page = usePageData(() => listClaimableCoupons(), []);
  const [claiming, setClaiming] = useState<number | null>(null);
  // The last answer per template: claimed, or the error's message.
  const [results, setResults] = useState<Record<number, { ok: boolean; text: string }>>({});

  async function claim(coupon: ClaimableCoupon): Promise<void> {
    if (claiming !== null) return;
    setClaiming(coupon.templateId);
    try {
      await claimCoupon(coupon.templateId);
      setResults((previous) => ({
        ...previous,
        [coupon.templateId]: { ok: true, text: t('coupon.claimed') },
      }));
      void Taro.showToast({ title: t('coupon.claimed'), icon: 'success' });
    } catch (error) {
      setResults((previous) => ({
        ...previous,
        [coupon.templateId]: { ok: false, text: errorMessage(error) },
      }));
    } finally {
      setClaiming(null);
      void page.reload();
    }
  }

  return (
    <PageState page={page} isEmpty={(coupons) => coupons.length === 0} emptyTitle={t('coupon.noneToClaim')}>
      {(coupons) => (
        <View className="member-page" data-testid="claim-centre">
          {coupons.map((coupon) => {
            const blocked = stateText(coupon);
            const result = results[coupon.templateId];
            return (
              <CouponCard
                key={coupon.templateId}
                offer={coupon}
                validity={coupon.validity}
                muted={Boolean(blocked)}
                testId="claimable-coupon"
              >
                {coupon.remaining !== null && coupon.remaining > 0 ? (
                  <Text className="member-page__hint">
                    {t('coupon.remaining', { count: coupon.remaining })}
                  </Text>
                ) : null}
                <Button
                  size="small"
                  type="primary"
                  disabled={Boolean(blocked)}
                  aria-disabled={Boolean(blocked)}
                  loading={claiming === coupon.templateId}
                  role="button"
                  aria-label={t('coupon.claimFor', { name: coupon.name })}
                  onClick={() => void claim(coupon)}
                >
                  {t('coupon.claim')}
                </Button>
                {result ? (
                  <Text
                    className={result.ok ? 'member-page__status' : 'member-page__error'}
                    role={result.ok ? 'status' : 'alert'}
                    data-testid="claim-result"
                  >
                    {result.text}
                  </Text>
                ) : null}
                {blocked && (!result || result.ok) ? (
                  <Text className="member-page__hint" data-testid="claim-blocked">
                    {blocked}
                  </Text>
                ) : null}
              </CouponCard>
            );
          })}
          <View className="member-page__actions">
            <Button
              block
              type="default"
              role="link"
              aria-label={t('title.myCoupons')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/member/coupons/index' })}
            >
              {t('title.myCoupons')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
