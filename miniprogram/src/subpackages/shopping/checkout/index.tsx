import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import {
  ApiError,
  type DeliveryAddress,
  type Fulfilment,
  type OrderRequest,
  type Quote,
} from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { ChoiceChip } from '../../../components/choice-chip';
import { CouponPicker, effectiveCouponId } from '../../../components/coupon-picker';
import { PointsRow } from '../../../components/points-row';
import { PriceBreakdown } from '../../../components/price-breakdown';
import { PricedItemRow } from '../../../components/priced-item-row';
import { profileLabel } from '../../../components/profile-label';
import { PageState } from '../../../components/page-state';
import { WalletRow } from '../../../components/wallet-row';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t, type MessageKey } from '../../../i18n';
import {
  createOrder,
  getCart,
  listStores,
  newIdempotencyKey,
  payOrder,
  quoteOrder,
  removeFromCart,
} from '../../../services/orders';
import { listProfiles, listSpectaclePrescriptions } from '../../../services/prescriptions';
import { useSession } from '../../../stores/session';
import './index.scss';

const ADDRESS_FIELDS: [keyof DeliveryAddress, MessageKey][] = [
  ['recipient', 'checkout.recipient'],
  ['phone', 'checkout.phone'],
  ['region', 'checkout.region'],
  ['detail', 'checkout.detail'],
];

function isPointsRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.code === 'POINTS_OVER_LIMIT' || error.code === 'POINTS_INSUFFICIENT')
  );
}

export default function CheckoutPage() {
  usePageTitle('title.checkout');
  const { member } = useSession();
  const setup = usePageData(async () => {
    const [storePage, prescriptions, profiles] = await Promise.all([
      listStores(),
      listSpectaclePrescriptions(),
      listProfiles(),
    ]);
    return { stores: storePage.items, prescriptions, profiles };
  }, []);
  const stores = setup.data?.stores ?? [];
  // Valid spectacle prescriptions of the member and their family, newest first.
  const prescriptions = setup.data?.prescriptions ?? [];
  const profiles = setup.data?.profiles ?? [];
  // Until the customer picks: the home store, and the newest prescription (null = "add later").
  const [pickedStoreId, setStoreId] = useState<number | null>(null);
  const [pickedPrescriptionId, setPrescriptionId] = useState<number | null | undefined>(undefined);
  const storeId = pickedStoreId ?? member?.homeStoreId ?? stores[0]?.id ?? null;
  const prescriptionId =
    pickedPrescriptionId === undefined ? (prescriptions[0]?.id ?? null) : pickedPrescriptionId;
  const [fulfilment, setFulfilment] = useState<Fulfilment>('pickup');
  const [useBalance, setUseBalance] = useState(false);
  const [address, setAddress] = useState<DeliveryAddress>({
    recipient: '',
    phone: '',
    region: '',
    detail: '',
  });
  const cart = usePageData(() => (storeId ? getCart(storeId) : Promise.resolve(null)), [storeId]);
  // Points to pay with (0: none); chosen in the points row, up to what the quote allows.
  const [pointsToUse, setPointsToUse] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  // The coupon: undefined = the quote's best one, null = none.
  const [pickedCouponId, setCouponId] = useState<number | null | undefined>(undefined);
  const [couponOptions, setCouponOptions] = useState<Quote['coupons'] | null>(null);
  const couponId = effectiveCouponId(pickedCouponId, couponOptions);
  // One key for this checkout: pressing submit again after a timeout returns the same order.
  const [idempotencyKey] = useState(newIdempotencyKey);

  const profileName = (profileId: number): string => {
    const profile = profiles.find((candidate) => candidate.id === profileId);
    return profile ? profileLabel(profile) : '';
  };

  const lines = cart.data?.items.filter((item) => !item.problem) ?? [];
  const request: OrderRequest | null =
    storeId && lines.length
      ? {
          storeId,
          fulfilment,
          items: lines.map((item) => ({
            skuId: item.skuId,
            quantity: item.quantity,
            lens: item.lens
              ? { skuId: item.lens.skuId, options: item.lens.options.map((option) => option.code) }
              : undefined,
            prescriptionId: item.lens && prescriptionId ? prescriptionId : undefined,
          })),
          address: fulfilment === 'delivery' ? address : undefined,
          couponId: couponId ?? undefined,
          pointsToUse: pointsToUse > 0 ? pointsToUse : undefined,
          useBalance: useBalance || undefined,
        }
      : null;

  // The quote does not need the address; only the lines, store and fulfilment change the price.
  const quoteKey = JSON.stringify(request && { ...request, address: undefined });
  const { data: quote, error: quoteError } = usePageData(async () => {
    const quoted = JSON.parse(quoteKey) as OrderRequest | null;
    if (!quoted) return null;
    try {
      return await quoteOrder({ ...quoted, fulfilment: 'pickup' });
    } catch (error) {
      if (quoted.pointsToUse === undefined || !isPointsRefusal(error)) throw error;
      // Another store or fewer lines can lower what the order may take: quote without points again.
      setPointsToUse(0);
      return quoteOrder({ ...quoted, pointsToUse: undefined, fulfilment: 'pickup' });
    }
  }, [quoteKey]);
  // The options come with each quote; keep the last ones so a refused coupon can be changed.
  const quotedCoupons = quote?.coupons ?? null;
  if (quotedCoupons && JSON.stringify(quotedCoupons) !== JSON.stringify(couponOptions)) {
    setCouponOptions(quotedCoupons);
  }

  async function submit(): Promise<void> {
    if (!request || submitting) return;
    if (fulfilment === 'delivery' && Object.values(address).some((value) => !value.trim())) {
      void Taro.showToast({ title: t('checkout.addressMissing'), icon: 'none' });
      return;
    }
    setSubmitting(true);
    try {
      const order = await createOrder(request, idempotencyKey);
      await Promise.all(lines.map((line) => removeFromCart(line.id)));
      try {
        await payOrder(order.id);
      } finally {
        // Paid or not, the order exists now: show it (an unpaid one can be paid from there).
        void Taro.redirectTo({ url: `/subpackages/shopping/order/index?id=${order.id}` });
      }
    } catch (submitError) {
      void Taro.showToast({ title: errorMessage(submitError), icon: 'none' });
    } finally {
      setSubmitting(false);
    }
  }

  const page = {
    data: setup.data && cart.data,
    error: setup.error ?? cart.error,
    reload: async () => {
      await Promise.all([setup.reload(), cart.reload()]);
    },
  };

  return (
    <PageState page={page} isEmpty={() => lines.length === 0} emptyTitle={t('checkout.nothing')}>
      {() => (
        <View className="checkout-page" data-testid="checkout">
          <View className="checkout-page__section" role="radiogroup" aria-label={t('checkout.store')}>
            <Text className="checkout-page__title">{t('checkout.store')}</Text>
            <View className="checkout-page__choices">
              {stores.map((store) => (
                <ChoiceChip
                  key={store.id}
                  label={store.name}
                  active={store.id === storeId}
                  onClick={() => setStoreId(store.id)}
                />
              ))}
            </View>
          </View>
          <View className="checkout-page__section" role="radiogroup" aria-label={t('checkout.fulfilment')}>
            <Text className="checkout-page__title">{t('checkout.fulfilment')}</Text>
            <View className="checkout-page__choices">
              {(['pickup', 'delivery'] as const).map((option) => (
                <ChoiceChip
                  key={option}
                  label={t(`fulfilment.${option}`)}
                  active={fulfilment === option}
                  onClick={() => setFulfilment(option)}
                />
              ))}
            </View>
            {fulfilment === 'delivery'
              ? ADDRESS_FIELDS.map(([field, label]) => (
                  <LabelledInput
                    key={field}
                    className="checkout-page__input"
                    label={t(label)}
                    value={address[field]}
                    onChange={(value) => setAddress({ ...address, [field]: value })}
                  />
                ))
              : null}
          </View>
          {lines.some((line) => line.lens) ? (
            <View
              className="checkout-page__section"
              role="radiogroup"
              aria-label={t('checkout.prescription')}
            >
              <Text className="checkout-page__title">{t('checkout.prescription')}</Text>
              <View className="checkout-page__choices">
                {prescriptions.map((prescription) => (
                  <ChoiceChip
                    key={prescription.id}
                    label={t('checkout.prescriptionChoice', {
                      name: profileName(prescription.profileId),
                      date: prescription.examDate,
                      kind: t(`kind.${prescription.kind}`),
                    })}
                    active={prescription.id === prescriptionId}
                    onClick={() => setPrescriptionId(prescription.id)}
                  />
                ))}
                <ChoiceChip
                  label={t('checkout.prescriptionLater')}
                  active={prescriptionId === null}
                  onClick={() => setPrescriptionId(null)}
                />
              </View>
              {prescriptions.length === 0 ? (
                <Text className="checkout-page__hint">{t('checkout.noPrescriptions')}</Text>
              ) : null}
            </View>
          ) : null}
          <View className="checkout-page__section">
            <Text className="checkout-page__title">{t('checkout.items')}</Text>
            {lines.map((line) => (
              <PricedItemRow key={line.id} item={line} />
            ))}
            {/* The index table is advice (thinner lenses), never a refusal. */}
            {quote?.items.flatMap((item, index) =>
              item.lensAdvice ? (
                <Text key={index} className="checkout-page__hint" data-testid="lens-advice">
                  {t('lens.advice', { index: (item.lensAdvice.recommendedIndex / 100).toFixed(2) })}
                </Text>
              ) : (
                []
              ),
            )}
          </View>
          {couponOptions ? (
            <CouponPicker coupons={couponOptions} selected={couponId} onChange={setCouponId} />
          ) : null}
          {quoteError ? (
            <Text className="checkout-page__error" role="alert">
              {errorMessage(quoteError)}
            </Text>
          ) : null}
          {quote ? (
            <PointsRow
              membership={quote.membership}
              value={pointsToUse}
              pointsDiscount={quote.pointsDiscount}
              onChange={setPointsToUse}
            />
          ) : null}
          {quote ? <WalletRow quote={quote} useBalance={useBalance} onChange={setUseBalance} /> : null}
          {quote ? <PriceBreakdown amounts={quote} testIdPrefix="checkout" /> : null}
          <View className="bottom-bar">
            <Button
              block
              type="primary"
              loading={submitting}
              disabled={!quote}
              role="button"
              aria-label={t('checkout.submit')}
              onClick={() => void submit()}
            >
              {t('checkout.submit')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
