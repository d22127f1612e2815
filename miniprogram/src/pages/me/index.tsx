import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { PageState } from '../../components/page-state';
import { priceText } from '../../components/price-tag';
import { useLocale, usePageTitle } from '../../hooks/use-locale';
import { usePageData } from '../../hooks/use-page-data';
import { errorMessage, setLocale, t, type MessageKey } from '../../i18n';
import { deleteMyData, exportMyData, fetchMe } from '../../services/auth';
import { getInbox } from '../../services/reminders';
import { MemberCodeCard, PhoneBinding } from './member-code';
import { setLargeText, useLargeText } from '../../stores/large-text';
import { session, useSession } from '../../stores/session';
import './index.scss';
import { PageRoot } from '../../components/page-root';

/** Entry points of the member subpackage. */
const MEMBER_LINKS: [MessageKey, string][] = [
  ['title.myCoupons', '/subpackages/member/coupons/index'],
  ['title.claimCentre', '/subpackages/member/claim/index'],
  ['title.myTradeIns', '/subpackages/member/trade-ins/index'],
  ['title.myCommunities', '/subpackages/member/communities/index'],
  ['title.myGroups', '/subpackages/groupbuy/mine/index'],
  ['title.myVouchers', '/subpackages/groupbuy/vouchers/index'],
];

function goToLogin(): void {
  void Taro.navigateTo({ url: '/pages/login/index' });
}

// PIPL: a copy of everything stored (to the clipboard, from where it can be saved or sent).
async function exportData(): Promise<void> {
  try {
    const data = await exportMyData();
    await Taro.setClipboardData({ data: JSON.stringify(data, null, 2) });
    void Taro.showToast({ title: t('privacy.exported'), icon: 'none' });
  } catch (error) {
    void Taro.showToast({ title: errorMessage(error), icon: 'none' });
  }
}

async function deleteData(): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: t('privacy.deleteConfirmTitle'),
    content: t('privacy.deleteConfirm'),
    confirmColor: '#cf1322',
  });
  if (!confirm) return;
  try {
    await deleteMyData();
    session.signOut();
    void Taro.showToast({ title: t('privacy.deleted'), icon: 'none' });
  } catch (error) {
    void Taro.showToast({ title: errorMessage(error), icon: 'none' });
  }
}

/** One setting shown as a row of buttons, the current one pressed. */
function SettingChoice<T extends string | boolean>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <View className="me-page__setting" role="group" aria-label={label}>
      <Text className="me-page__setting-label">{label}</Text>
      {options.map((option) => (
        <Button
          key={String(option.value)}
          size="small"
          type={option.value === value ? 'primary' : 'default'}
          role="button"
          aria-pressed={option.value === value}
          aria-label={option.label}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </Button>
      ))}
    </View>
  );
}

export default function MePage() {
  usePageTitle('title.me');
  const locale = useLocale();
  const largeText = useLargeText();
  const { token, staff } = useSession();
  const signedIn = Boolean(token) && !staff;
  const profile = usePageData(async () => {
    if (!signedIn) return null;
    const member = await fetchMe();
    session.setMember(member);
    return member;
  }, [signedIn]);
  // Fetched apart from the profile: without it 我的 still works, only the count is missing.
  const unread = usePageData(async () => (signedIn ? (await getInbox(1, 1)).unread : 0), [signedIn]);

  const settings = (
    <>
      <SettingChoice
        label={t('me.language')}
        options={[
          { value: 'zh-CN', label: t('language.zhCN') },
          { value: 'en', label: t('language.en') },
        ]}
        value={locale}
        onChange={setLocale}
      />
      <SettingChoice
        label={t('me.textSize')}
        options={[
          { value: false, label: t('me.textStandard') },
          { value: true, label: t('me.textLarge') },
        ]}
        value={largeText}
        onChange={setLargeText}
      />
    </>
  );

  if (!signedIn) {
    return (
      <PageRoot className="me-page">
        <View className="me-page__prompt" data-testid="me-logged-out">
          <Text className="me-page__prompt-text">{t('me.loggedOut')}</Text>
          <Button type="primary" role="button" aria-label={t('me.login')} onClick={goToLogin}>
            {t('me.login')}
          </Button>
        </View>
        {settings}
      </PageRoot>
    );
  }

  return (
    <PageState page={profile}>
      {(member) => (
        <View className="me-page" data-testid="me-profile">
          <View className="me-page__header">
            <Text className="me-page__nickname">{member.nickname || t('me.nicknameFallback')}</Text>
            <Text className="me-page__tier" data-testid="member-tier">
              {t(`tier.${member.tier}`)}
            </Text>
          </View>
          <MemberCodeCard staticCode={member.memberCode} />
          <Cell.Group>
            <View
              role="link"
              data-testid="inbox-link"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/care/inbox/index' })}
            >
              <Cell
                title={t('title.inbox')}
                clickable
                extra={
                  unread.data ? (
                    <Text className="me-page__badge" data-testid="inbox-unread-count">
                      {t('inbox.unreadCount', { count: unread.data })} ›
                    </Text>
                  ) : (
                    '›'
                  )
                }
              />
            </View>
            <Cell
              title={t('me.memberCode')}
              extra={<Text data-testid="member-code">{member.memberCode}</Text>}
              aria-label={t('me.memberCode')}
            />
            <Cell title={t('me.tier')} extra={t(`tier.${member.tier}`)} />
            <Cell
              title={t('me.points')}
              extra={<Text data-testid="member-points">{String(member.points)}</Text>}
            />
            <View
              role="link"
              aria-label={t('membership.open')}
              data-testid="membership-link"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/membership/centre/index' })}
            >
              <Cell title={t('membership.open')} clickable extra="›" />
            </View>
            <View
              role="link"
              data-testid="wallet-link"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/wallet/top-up/index' })}
            >
              <Cell
                title={t('me.balance')}
                clickable
                extra={<Text data-testid="member-balance">{priceText(member.balance)} ›</Text>}
              />
            </View>
            <PhoneBinding
              phoneMasked={member.phoneMasked}
              onBound={(bound) => {
                session.setMember(bound);
                profile.setData(bound);
              }}
            />
            <View
              role="link"
              aria-label={t('me.fitting')}
              data-testid="fitting-link"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/eyecare/fitting/index' })}
            >
              <Cell title={t('me.fitting')} clickable extra="›" />
            </View>
            <View
              role="link"
              aria-label={t('me.referral')}
              data-testid="me-referral-link"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/referral/invite/index' })}
            >
              <Cell title={t('me.referral')} clickable extra="›" />
            </View>
          </Cell.Group>
          {/* NutUI's Cell drops ARIA attributes: the wrappers carry the roles. */}
          <Cell.Group>
            {MEMBER_LINKS.map(([key, url]) => (
              <View
                key={key}
                role="link"
                aria-label={t(key)}
                data-testid={`link-${url.split('/')[3]}`}
                onClick={() => void Taro.navigateTo({ url })}
              >
                <Cell title={t(key)} clickable extra="›" />
              </View>
            ))}
            <View
              role="link"
              aria-label={t('orders.open')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/shopping/orders/index' })}
            >
              <Cell title={t('orders.open')} />
            </View>
            <View
              role="link"
              aria-label={t('cart.open')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/shopping/cart/index' })}
            >
              <Cell title={t('cart.open')} />
            </View>
          </Cell.Group>
          {settings}
          <Cell.Group>
            <View role="button" aria-label={t('privacy.export')} onClick={() => void exportData()}>
              <Cell title={t('privacy.export')} clickable extra="›" />
            </View>
            <View role="button" aria-label={t('privacy.delete')} onClick={() => void deleteData()}>
              <Cell
                title={<Text className="me-page__danger">{t('privacy.delete')}</Text>}
                clickable
                extra="›"
              />
            </View>
          </Cell.Group>
          <View className="me-page__logout">
            <Button
              block
              type="default"
              role="button"
              aria-label={t('me.logout')}
              data-testid="logout"
              onClick={() => session.signOut()}
            >
              {t('me.logout')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
