import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { CustomerCard, RedeemedCoupon, RedeemedVoucher } from '@lensloop/shared';
import { couponValueText, instantText } from '../../../components/coupon-offer';
import { LabelledInput } from '../../../components/labelled-input';
import { PageRoot } from '../../../components/page-root';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t } from '../../../i18n';
import { redeemCoupon } from '../../../services/coupons';
import { isVoucherCode, redeemVoucher } from '../../../services/group-buy';
import { fetchCustomer } from '../../../services/prescriptions';
import '../desk.scss';

/** 扫码核销: the customer's coupon QR (or its code typed in) redeemed once, with the outcome in words. */
/** Whose coupon or voucher was redeemed: nickname, masked phone and member number, else the id. */
function redeemedMemberText(customer: CustomerCard | null, memberId: number): string {
  return t('staff.redeemedMember', {
    name: customer
      ? [customer.nickname, customer.phoneMasked, customer.memberCode].filter(Boolean).join(' · ')
      : String(memberId),
  });
}

export default function StaffRedeemPage() {
  usePageTitle('title.staffRedeem');
  const [text, setText] = useState('');
  const [scanned, setScanned] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    | { coupon: RedeemedCoupon; customer: CustomerCard | null }
    | { voucher: RedeemedVoucher; customer: CustomerCard | null }
    | { error: string }
    | null
  >(null);

  async function redeem(code = text.trim()): Promise<void> {
    if (!code || busy) return;
    setBusy(true);
    setResult(null);
    setScanned(code);
    try {
      // A group-buy service voucher (`GV…`) is redeemed here too.
      if (isVoucherCode(code)) {
        const voucher = await redeemVoucher(code);
        const customer = await fetchCustomer(voucher.memberId).catch(() => null);
        setResult({ voucher, customer });
        setText('');
        return;
      }
      const coupon = await redeemCoupon(code);
      // Who it was: the redemption stands even if the card does not load.
      const customer = await fetchCustomer(coupon.memberId).catch(() => null);
      setResult({ coupon, customer });
      setText('');
    } catch (error) {
      setResult({ error: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function scan(): Promise<void> {
    let code: string;
    try {
      code = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result.trim();
    } catch {
      return; // cancelled
    }
    setText(code);
    await redeem(code);
  }

  return (
    <PageRoot className="desk" data-testid="staff-redeem">
      <View className="desk__search">
        <LabelledInput
          className="desk__input"
          label={t('staff.couponCode')}
          value={text}
          onChange={(value) => setText(value)}
          onConfirm={() => void redeem()}
        />
        {/* The browser has no scanner: the code under the customer's QR is typed in. */}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button type="primary" role="button" aria-label={t('staff.scanCoupon')} onClick={() => void scan()}>
            {t('staff.scanCoupon')}
          </Button>
        ) : null}
        <Button
          type="default"
          loading={busy}
          role="button"
          aria-label={t('staff.redeem')}
          onClick={() => void redeem()}
        >
          {t('staff.redeem')}
        </Button>
      </View>
      {scanned ? (
        <Text className="desk__meta desk__card" data-testid="scanned-code">
          {t('staff.scannedCode', { code: scanned })}
        </Text>
      ) : null}
      {result && 'coupon' in result ? (
        <View className="desk__card" role="status" data-testid="redeem-success">
          <Text className="desk__title">{t('staff.redeemed')}</Text>
          <Text className="desk__name" data-testid="redeemed-coupon">
            {result.coupon.name}
          </Text>
          <Text className="desk__meta">{couponValueText(result.coupon)}</Text>
          <Text className="desk__meta" data-testid="redeemed-member">
            {redeemedMemberText(result.customer, result.coupon.memberId)}
          </Text>
          {result.coupon.usedAt ? (
            <Text className="desk__meta">
              {t('staff.redeemedAt', { at: instantText(result.coupon.usedAt) })}
            </Text>
          ) : null}
        </View>
      ) : null}
      {result && 'voucher' in result ? (
        <View className="desk__card" role="status" data-testid="voucher-redeem-success">
          <Text className="desk__title">{t('staff.voucherRedeemed')}</Text>
          <Text className="desk__name" data-testid="redeemed-voucher">
            {result.voucher.productName}
          </Text>
          <Text className="desk__meta" data-testid="redeemed-member">
            {redeemedMemberText(result.customer, result.voucher.memberId)}
          </Text>
          {result.voucher.redeemedAt ? (
            <Text className="desk__meta">
              {t('staff.redeemedAt', { at: instantText(result.voucher.redeemedAt) })}
            </Text>
          ) : null}
        </View>
      ) : null}
      {result && 'error' in result ? (
        <View className="desk__card" role="alert" data-testid="redeem-error">
          <Text className="desk__error">{result.error}</Text>
        </View>
      ) : null}
    </PageRoot>
  );
}
