import { Image, Text, View } from '@tarojs/components';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { fetchMyQrCode } from '../../../services/customers';
import { useSession } from '../../../stores/session';
import '../desk.scss';

/** The staff member's add-me code: a customer who scans it becomes their customer, with a welcome coupon. */
export default function StaffQrCodePage() {
  usePageTitle('title.staffQrCode');
  const { staff } = useSession();
  const page = usePageData(() => fetchMyQrCode(), []);

  return (
    <PageState page={page}>
      {(code) => (
        <View className="desk" data-testid="staff-qrcode">
          <View className="desk__card desk__qr">
            <Text className="desk__title" role="heading" aria-level={1}>
              {t('staffQr.heading', { name: staff?.name ?? '' })}
            </Text>
            <Image
              className="desk__qr-image"
              src={code.image}
              mode="aspectFit"
              nativeProps={{ alt: t('staffQr.imageLabel') }}
              data-testid="staff-qrcode-image"
            />
            <Text className="desk__hint">{t('staffQr.hint')}</Text>
          </View>
        </View>
      )}
    </PageState>
  );
}
