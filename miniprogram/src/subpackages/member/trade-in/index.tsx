import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import {
  TRADE_IN_BRAND_TIERS,
  TRADE_IN_CATEGORIES,
  TRADE_IN_CONDITIONS,
  TRADE_IN_MATERIALS,
  type TradeInPhoto,
  type TradeInQuoteRequest,
} from '@lensloop/shared';
import { ChoiceChip } from '../../../components/choice-chip';
import { LabelledInput } from '../../../components/labelled-input';
import { PageState } from '../../../components/page-state';
import { estimateText } from '../../../components/trade-in-text';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t, type MessageKey } from '../../../i18n';
import { listStores } from '../../../services/orders';
import { quoteTradeIn, submitTradeIn, uploadTradeInPhoto } from '../../../services/trade-ins';
import { useSession } from '../../../stores/session';
import '../member.scss';

const MAX_PHOTOS = 6;
const MAX_AGE_YEARS = 30;

function ChoiceGroup<T extends string>({
  label,
  options,
  value,
  text,
  onChange,
}: {
  label: string;
  options: readonly T[];
  value: T;
  text: (option: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <View className="member-page__section" role="radiogroup" aria-label={label}>
      <Text className="member-page__title">{label}</Text>
      <View className="member-page__choices">
        {options.map((option) => (
          <ChoiceChip
            key={option}
            label={text(option)}
            active={option === value}
            onClick={() => onChange(option)}
          />
        ))}
      </View>
    </View>
  );
}

/** 以旧换新: describe the old glasses → estimate range; photos and a store → submitted. */
export default function TradeInPage() {
  usePageTitle('title.tradeIn');
  const { member } = useSession();
  const [form, setForm] = useState<TradeInQuoteRequest>({
    category: 'optical',
    material: 'metal',
    brandTier: 'standard',
    ageYears: 2,
    condition: 'good',
  });
  const [ageText, setAgeText] = useState('2');
  const [photos, setPhotos] = useState<TradeInPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pickedStoreId, setStoreId] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const stores = usePageData(async () => (await listStores()).items, []);
  const storeId = pickedStoreId ?? member?.homeStoreId ?? stores.data?.[0]?.id ?? null;
  const ageValid = /^\d{1,2}$/.test(ageText) && Number(ageText) <= MAX_AGE_YEARS;
  const quoteKey = JSON.stringify(form);
  const quote = usePageData(() => quoteTradeIn(JSON.parse(quoteKey) as TradeInQuoteRequest), [quoteKey]);

  const set = <K extends keyof TradeInQuoteRequest>(key: K, value: TradeInQuoteRequest[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  function changeAge(value: string): void {
    setAgeText(value);
    if (/^\d{1,2}$/.test(value) && Number(value) <= MAX_AGE_YEARS) set('ageYears', Number(value));
  }

  async function addPhotos(): Promise<void> {
    let paths: string[];
    try {
      const chosen = await Taro.chooseImage({
        count: MAX_PHOTOS - photos.length,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      paths = chosen.tempFilePaths;
    } catch {
      return; // cancelled
    }
    setUploading(true);
    setError(null);
    try {
      for (const path of paths) {
        const photo = await uploadTradeInPhoto(path);
        // Shown from the local file: the uploaded one is readable only with the token.
        setPhotos((previous) => [...previous, { id: photo.id, url: path }]);
      }
    } catch (uploadError) {
      setError(errorMessage(uploadError));
    } finally {
      setUploading(false);
    }
  }

  async function submit(): Promise<void> {
    if (submitting) return;
    if (!ageValid) return setError(t('tradeIn.ageInvalid'));
    if (photos.length === 0) return setError(t('tradeIn.photosMissing'));
    if (!storeId) return setError(t('tradeIn.storeMissing'));
    setSubmitting(true);
    setError(null);
    try {
      const tradeIn = await submitTradeIn({ ...form, storeId, photoIds: photos.map((photo) => photo.id) });
      void Taro.redirectTo({ url: `/subpackages/member/trade-in-detail/index?id=${tradeIn.id}` });
    } catch (submitError) {
      setError(errorMessage(submitError));
    } finally {
      setSubmitting(false);
    }
  }

  const group = <T extends string>(key: keyof TradeInQuoteRequest, prefix: string, options: readonly T[]) => (
    <ChoiceGroup
      label={t(`tradeIn.${key}` as MessageKey)}
      options={options}
      value={form[key] as T}
      text={(option) => t(`${prefix}.${option}` as MessageKey)}
      onChange={(value) => set(key, value as never)}
    />
  );

  return (
    <PageState page={stores}>
      {(storeList) => (
        <View className="member-page" data-testid="trade-in-form">
          <Text className="member-page__hint member-page__section">{t('tradeIn.intro')}</Text>
          {group('category', 'tradeIn.category', TRADE_IN_CATEGORIES)}
          {group('material', 'tradeIn.material', TRADE_IN_MATERIALS)}
          {group('brandTier', 'tradeIn.brandTier', TRADE_IN_BRAND_TIERS)}
          {group('condition', 'tradeIn.condition', TRADE_IN_CONDITIONS)}
          <View className="member-page__section">
            <Text className="member-page__title">{t('tradeIn.ageYears')}</Text>
            <LabelledInput
              className="member-page__input"
              type="digit"
              label={t('tradeIn.ageYears')}
              value={ageText}
              invalid={!ageValid}
              onChange={changeAge}
            />
            {!ageValid ? <Text className="member-page__error">{t('tradeIn.ageInvalid')}</Text> : null}
          </View>
          <View className="member-page__section" aria-live="polite">
            <Text className="member-page__title">{t('tradeIn.estimate')}</Text>
            {quote.error ? (
              <Text className="member-page__error" role="alert">
                {errorMessage(quote.error)}
              </Text>
            ) : quote.data ? (
              <Text className="member-page__estimate" data-testid="trade-in-estimate">
                {estimateText(quote.data)}
              </Text>
            ) : (
              <Text className="member-page__hint">{t('common.loading')}</Text>
            )}
            <Text className="member-page__hint">{t('tradeIn.estimateNote')}</Text>
          </View>
          <View className="member-page__section">
            <Text className="member-page__title">{t('tradeIn.photos', { max: MAX_PHOTOS })}</Text>
            <View className="member-page__photos">
              {photos.map((photo, index) => (
                <Image
                  key={photo.id}
                  className="member-page__photo"
                  src={photo.url}
                  mode="aspectFill"
                  nativeProps={{ alt: t('tradeIn.photoAlt', { index: index + 1 }) }}
                />
              ))}
            </View>
            {photos.length < MAX_PHOTOS ? (
              <Button
                size="small"
                type="default"
                loading={uploading}
                role="button"
                aria-label={t('tradeIn.addPhotos')}
                onClick={() => void addPhotos()}
              >
                {t('tradeIn.addPhotos')}
              </Button>
            ) : null}
          </View>
          <View className="member-page__section" role="radiogroup" aria-label={t('tradeIn.store')}>
            <Text className="member-page__title">{t('tradeIn.store')}</Text>
            <View className="member-page__choices">
              {storeList.map((store) => (
                <ChoiceChip
                  key={store.id}
                  label={store.name}
                  active={store.id === storeId}
                  onClick={() => setStoreId(store.id)}
                />
              ))}
            </View>
          </View>
          {error ? (
            <Text
              className="member-page__error member-page__section"
              role="alert"
              data-testid="trade-in-error"
            >
              {error}
            </Text>
          ) : null}
          <View className="member-page__actions">
            <Button
              block
              type="primary"
              loading={submitting}
              role="button"
              aria-label={t('tradeIn.submit')}
              onClick={() => void submit()}
            >
              {t('tradeIn.submit')}
            </Button>
            <Button
              block
              type="default"
              role="link"
              aria-label={t('title.myTradeIns')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/member/trade-ins/index' })}
            >
              {t('title.myTradeIns')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
