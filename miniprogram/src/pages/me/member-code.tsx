import { useState } from 'react';
import { Button as TaroButton, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { ApiError, type Member } from '@lensloop/shared';
import { LabelledInput } from '../../components/labelled-input';
import { ScanCode } from '../../components/scan-code';
import { useRotatingCode } from '../../hooks/use-rotating-code';
import { errorMessage, t } from '../../i18n';
import { bindPhone, fetchMemberCode } from '../../services/member';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * The member QR and barcode for the staff desk's scan: the rotating code of `GET /me/member-code`,
 * fetched again before it expires. Where the server does not have that route (404), the fixed
 * member code stands in, which the desk's search finds too.
 */
export function MemberCodeCard({ staticCode }: { staticCode: string }) {
  const rotating = useRotatingCode(async () => {
    try {
      return await fetchMemberCode();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return { code: staticCode, expiresAt: new Date(Date.now() + 30_000).toISOString() };
      }
      throw error;
    }
  }, [staticCode]);

  return (
    <View className="me-page__code" data-testid="member-qr">
      <Text className="me-page__code-title">{t('me.memberQr')}</Text>
      {rotating.code ? (
        <ScanCode code={rotating.code} label={t('me.memberQrLabel')} barcode hint={t('code.refreshHint')} />
      ) : rotating.error ? (
        <View className="me-page__code-error" role="alert">
          <Text className="me-page__danger">{errorMessage(rotating.error)}</Text>
          <Button size="small" role="button" aria-label={t('common.retry')} onClick={rotating.refresh}>
            {t('common.retry')}
          </Button>
        </View>
      ) : (
        <Text className="me-page__code-loading">{t('common.loading')}</Text>
      )}
    </View>
  );
}

/**
 * 手机号: masked once bound; else WeChat's getPhoneNumber button, whose code the server exchanges.
 * H5 has no WeChat: the fake accepts `dev-phone-<11 digits>`, built from a typed-in number.
 */
export function PhoneBinding({
  phoneMasked,
  onBound,
}: {
  phoneMasked: string | null;
  onBound: (member: Member) => void;
}) {
  const [devPhone, setDevPhone] = useState('');
  const [busy, setBusy] = useState(false);

  async function bind(code: string | undefined): Promise<void> {
    if (!code || busy) return; // refused in WeChat's dialog
    setBusy(true);
    try {
      const { member } = await bindPhone(code);
      onBound(member);
      void Taro.showToast({ title: t('me.phoneBound'), icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  if (phoneMasked) {
    return <Cell title={t('me.phone')} extra={<Text data-testid="member-phone">{phoneMasked}</Text>} />;
  }
  return (
    <View className="me-page__phone" data-testid="phone-binding">
      <Text className="me-page__setting-label">{t('me.phone')}</Text>
      {IS_H5 ? (
        <>
          <LabelledInput
            className="me-page__phone-input"
            type="number"
            label={t('me.devPhone')}
            value={devPhone}
            onChange={(value) => setDevPhone(value)}
          />
          <Button
            size="small"
            type="primary"
            loading={busy}
            role="button"
            aria-label={t('me.bindPhone')}
            onClick={() => {
              if (/^1\d{10}$/.test(devPhone)) void bind(`dev-phone-${devPhone}`);
              else void Taro.showToast({ title: t('me.devPhoneInvalid'), icon: 'none' });
            }}
          >
            {t('me.bindPhone')}
          </Button>
        </>
      ) : (
        <TaroButton
          className="me-page__phone-button"
          size="mini"
          type="primary"
          openType="getPhoneNumber"
          onGetPhoneNumber={(event) => void bind((event.detail as { code?: string }).code)}
        >
          {t('me.bindPhone')}
        </TaroButton>
      )}
    </View>
  );
}
