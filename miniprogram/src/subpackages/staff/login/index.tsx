import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { LabelledInput } from '../../../components/labelled-input';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t } from '../../../i18n';
import { loginStaff } from '../../../services/auth';
import { returnAfterLogin } from '../../../services/login-redirect';
import { session, useSession } from '../../../stores/session';
import './index.scss';
import { PageRoot } from '../../../components/page-root';

export default function StaffLoginPage() {
  usePageTitle('title.staffLogin');
  const { redirect } = useRouter().params;
  const { staff } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    if (submitting) return;
    if (!username.trim() || !password) {
      setError(t('staff.missingFields'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const result = await loginStaff(username.trim(), password);
      session.signInStaff(result.token, result.staff);
      setPassword('');
      await returnAfterLogin(redirect);
    } catch (loginError) {
      setError(errorMessage(loginError));
    } finally {
      setSubmitting(false);
    }
  }

  if (staff) {
    return (
      <PageRoot className="staff-login" data-testid="staff-profile">
        <Text className="staff-login__title" role="heading" aria-level={1}>
          {t('staff.welcome', { name: staff.name })}
        </Text>
        <Cell.Group>
          <Cell title={t('staff.role', { role: t(`role.${staff.role}`) })} />
          {/* NutUI's Cell drops ARIA attributes: the wrappers carry the link role. */}
          <View
            role="link"
            aria-label={t('staff.desk')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/customers/index' })}
          >
            <Cell title={t('staff.desk')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffMyCustomers')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/my-customers/index' })}
          >
            <Cell title={t('title.staffMyCustomers')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffLeaderboard')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/leaderboard/index' })}
          >
            <Cell title={t('title.staffLeaderboard')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffTasks')}
            data-testid="staff-tasks-link"
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/tasks/index' })}
          >
            <Cell title={t('title.staffTasks')} clickable extra="›" />
          </View>
          {staff.role === 'manager' || staff.role === 'admin' ? (
            <View
              role="link"
              aria-label={t('title.staffTaskSummary')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/task-summary/index' })}
            >
              <Cell title={t('title.staffTaskSummary')} clickable extra="›" />
            </View>
          ) : null}
          <View
            role="link"
            aria-label={t('staff.orders')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/orders/index' })}
          >
            <Cell title={t('staff.orders')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('staff.appointments')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/appointments/index' })}
          >
            <Cell title={t('staff.appointments')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffRedeem')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/redeem/index' })}
          >
            <Cell title={t('title.staffRedeem')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffTradeIns')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/trade-ins/index' })}
          >
            <Cell title={t('title.staffTradeIns')} clickable extra="›" />
          </View>
          <View
            role="link"
            aria-label={t('title.staffQrCode')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/qrcode/index' })}
          >
            <Cell title={t('title.staffQrCode')} clickable extra="›" />
          </View>
          {staff.role === 'manager' || staff.role === 'admin' ? (
            <View
              role="link"
              aria-label={t('title.staffTransfer')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/transfer/index' })}
            >
              <Cell title={t('title.staffTransfer')} clickable extra="›" />
            </View>
          ) : null}
        </Cell.Group>
        <Button
          block
          type="default"
          role="button"
          aria-label={t('staff.logout')}
          onClick={() => session.signOut()}
        >
          {t('staff.logout')}
        </Button>
      </PageRoot>
    );
  }

  return (
    <PageRoot className="staff-login">
      <Text className="staff-login__title" role="heading" aria-level={1}>
        {t('staff.title')}
      </Text>
      <Text className="staff-login__label">{t('staff.username')}</Text>
      <LabelledInput
        className="staff-login__input"
        value={username}
        label={t('staff.username')}
        placeholder={t('staff.usernamePlaceholder')}
        autoComplete="username"
        onChange={(value) => setUsername(value)}
      />
      <Text className="staff-login__label">{t('staff.password')}</Text>
      <LabelledInput
        className="staff-login__input"
        type="password"
        value={password}
        placeholder={t('staff.passwordPlaceholder')}
        label={t('staff.password')}
        autoComplete="current-password"
        onChange={(value) => setPassword(value)}
      />
      {error ? (
        <Text className="staff-login__error" role="alert">
          {error}
        </Text>
      ) : null}
      <Button
        block
        type="primary"
        loading={submitting}
        role="button"
        aria-label={t('staff.submit')}
        data-testid="staff-login-submit"
        onClick={() => void submit()}
      >
        {t('staff.submit')}
      </Button>
    </PageRoot>
  );
}
