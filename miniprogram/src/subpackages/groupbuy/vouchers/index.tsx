import { Text, View } from '@tarojs/components';
import type { ServiceVoucher } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { listMyVouchers } from '../../../services/group-buy';
import '../groupbuy.scss';

function VoucherCard({ voucher }: { voucher: ServiceVoucher }) {
  return (
    <View className="groupbuy__card" role="listitem" data-testid="my-voucher">
      <Text className="groupbuy__title">{voucher.productName}</Text>
      <Text className="groupbuy__meta">{t('voucher.code')}</Text>
      <Text className="groupbuy__code" data-testid="voucher-code" selectable>
        {voucher.code}
      </Text>
      <Text
        className={`groupbuy__status groupbuy__status--${voucher.status === 'unused' ? 'open' : 'complete'}`}
        data-testid="voucher-status"
      >
        {t(`voucher.status.${voucher.status}`)}
      </Text>
      <Text className="groupbuy__meta">{t('voucher.validTo', { date: voucher.validTo })}</Text>
      {voucher.status === 'unused' ? <Text className="groupbuy__hint">{t('voucher.hint')}</Text> : null}
    </View>
  );
}

/** 我的服务券: vouchers of complete service groups, redeemed once in store by their code. */
export default function MyVouchersPage() {
  usePageTitle('title.myVouchers');
  const page = usePageData(listMyVouchers, []);
  return (
    <PageRoot className="groupbuy">
      <PageState page={page} isEmpty={(list) => list.length === 0} emptyTitle={t('voucher.empty')}>
        {(vouchers) => (
          <View role="list" aria-label={t('title.myVouchers')} data-testid="my-vouchers">
            {vouchers.map((voucher) => (
              <VoucherCard key={voucher.id} voucher={voucher} />
            ))}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
