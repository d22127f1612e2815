import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { LabelledInput } from '../../components/labelled-input';
import { usePageTitle } from '../../hooks/use-locale';
import { errorMessage, t } from '../../i18n';
import { loginWithWechatCode, wechatLoginCode } from '../../services/auth';
import { reportCustomerScene, sceneForLogin } from '../../services/customers';
import { forgetReferral, referralForLogin } from '../../services/referral';
import { returnAfterLogin } from '../../services/login-redirect';
import { session } from '../../stores/session';
import './index.scss';
import { PageRoot } from '../../components/page-root';

// In a browser there is no WeChat: the dev/test server accepts `dev-<name>` codes instead.
const IS_H5 = process.env.TARO_ENV === 'h5';
const DEFAULT_DEV_CODE = 'dev-shopper';

export default function LoginPage() {
  usePageTitle('title.login');
  const { redirect } = useRouter().params;
  const [devCode, setDevCode] = useState(DEFAULT_DEV_CODE);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function login(): Promise<void> {
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const code = IS_H5 ? devCode.trim() : await wechatLoginCode();
      // A friend's invitation kept since the app was opened through it (first touch).
      // …or the staff, store or regional code it was opened with (a friend's code wins).
      const { token, member } = await loginWithWechatCode(code, {
        ...sceneForLogin(),
        ...referralForLogin(),
      });
      forgetReferral();
      session.signInMember(token, member);
      await reportCustomerScene();
      void Taro.showToast({ title: t('login.success'), icon: 'success' });
      if (!(await returnAfterLogin(redirect))) await Taro.switchTab({ url: '/pages/me/index' });
    } catch (loginError) {
      setError(loginError);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PageRoot className="login-page">
      <Text className="login-page__title" role="heading" aria-level={1}>
        {t('login.welcome')}
      </Text>
      <Text className="login-page__subtitle">{t('login.subtitle')}</Text>

      {IS_H5 ? (
        <View className="login-page__dev">
          <Text className="login-page__label">{t('login.devCode')}</Text>
          <LabelledInput
            className="login-page__input"
            label={t('login.devCode')}
            value={devCode}
            clearable
            onChange={(value) => setDevCode(value)}
          />
          <Text className="login-page__hint">{t('login.devCodeHint')}</Text>
        </View>
      ) : null}

      {error ? (
        <Text className="login-page__error" role="alert" data-testid="login-error">
          {errorMessage(error)}
        </Text>
      ) : null}

      <Button
        block
        type="primary"
        size="large"
        loading={submitting}
        role="button"
        aria-label={t('login.wechat')}
        data-testid="wechat-login"
        onClick={() => void login()}
      >
        {submitting ? t('login.submitting') : t('login.wechat')}
      </Button>

      <View
        className="login-page__staff"
        role="link"
        aria-label={t('login.staffLink')}
        data-testid="staff-login-link"
        onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/login/index' })}
      >
        <Text>{t('login.staffLink')}</Text>
      </View>
    </PageRoot>
  );
}
