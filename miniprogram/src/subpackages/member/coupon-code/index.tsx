import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CouponCard } from '../../../components/coupon-card';
import { ErrorState, LoadingState, PageState } from '../../../components/page-state';
import { ScanCode } from '../../../components/scan-code';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { useRotatingCode } from '../../../hooks/use-rotating-code';
import { t } from '../../../i18n';
import { couponRedemptionCode, listMyCoupons } from '../../../services/coupons';
import '../member.scss';

/** A coupon's in-store QR: a fresh code before each expires (every 30 s), the code text under it. */
export default function CouponCodePage() {
  usePageTitle('title.couponCode');
  const id = Number(useRouter().params.id);
  const coupon = usePageData(async () => {
    const found = (await listMyCoupons('available')).find((candidate) => candidate.id === id);
    return found ?? { missing: true as const };
  }, [id]);
  const rotating = useRotatingCode(() => couponRedemptionCode(id), [id]);

  return (
    <PageState page={coupon}>
      {(found) => (
        <View className="member-page" data-testid="coupon-code-page">
          {'missing' in found ? (
            <Text className="member-page__hint" role="alert">
              {t('coupon.notAvailable')}
            </Text>
          ) : (
            <CouponCard offer={found} validity={{ from: found.validFrom, to: found.validTo }} />
          )}
          <View className="member-page__section">
            {rotating.error && !rotating.code ? (
              <ErrorState error={rotating.error} onRetry={rotating.refresh} />
            ) : rotating.code ? (
              <ScanCode
                code={rotating.code}
                label={t('coupon.qrLabel')}
                hint={t('code.refreshHint')}
                testId="coupon-qr"
              />
            ) : (
              <LoadingState />
            )}
          </View>
        </View>
      )}
    </PageState>
  );
}
