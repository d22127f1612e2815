import { Image, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { shanghaiDate, type MyReferral, type ReferralFriend } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { fetchMyReferral, referralShareLink, referralSharePath } from '../../../services/referral';
import { assetUrl } from '../../../services/request';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

async function copy(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
    void Taro.showToast({ title: t('referral.copied'), icon: 'none' });
  } catch (error) {
    void Taro.showToast({ title: errorMessage(error), icon: 'none' });
  }
}

function FriendRow({ friend }: { friend: ReferralFriend }) {
  return (
    <View className="referral__friend" role="listitem">
      <Text className="referral__friend-name">{friend.nicknameMasked}</Text>
      <Text className="referral__friend-date">
        {t('referral.joined', { date: shanghaiDate(new Date(friend.joinedAt)) })}
      </Text>
      <Text
        className={`referral__status referral__status--${friend.status}`}
        data-testid="referral-friend-status"
      >
        {t(`referral.status.${friend.status}`)}
      </Text>
    </View>
  );
}

function ReferralBody({ referral }: { referral: MyReferral }) {
  const link = referralShareLink(referral.code);
  return (
    <View className="referral" data-testid="referral-page">
      <View className="referral__card">
        <Text className="referral__title" role="heading" aria-level={1}>
          {t('referral.headline')}
        </Text>
        <Text className="referral__rule">{t('referral.rule')}</Text>
        <View className="referral__code-row">
          <Text className="referral__code-label">{t('referral.code')}</Text>
          <Text className="referral__code" data-testid="referral-code">
            {referral.code}
          </Text>
        </View>
        <Image
          className="referral__qr"
          src={assetUrl(referral.qrUrl)}
          mode="aspectFit"
          nativeProps={{ alt: t('referral.qrLabel') }}
          data-testid="referral-qr"
        />
        <Text className="referral__hint">{t('referral.qrHint')}</Text>
        {IS_WEAPP ? (
          <Button
            block
            type="primary"
            size="large"
            openType="share"
            role="button"
            aria-label={t('referral.share')}
          >
            {t('referral.share')}
          </Button>
        ) : (
          <View className="referral__link">
            <Text className="referral__link-text" data-testid="referral-link">
              {link}
            </Text>
            <Button
              block
              type="primary"
              size="large"
              role="button"
              aria-label={t('referral.copyLink')}
              data-testid="referral-copy"
              onClick={() => void copy(link)}
            >
              {t('referral.copyLink')}
            </Button>
          </View>
        )}
      </View>
      <View className="referral__summary" role="group" aria-label={t('referral.summary')}>
        <Text className="referral__count" data-testid="referral-invited">
          {t('referral.invited', { count: referral.invited })}
        </Text>
        <Text className="referral__count" data-testid="referral-rewarded">
          {t('referral.rewarded', { count: referral.rewarded })}
        </Text>
      </View>
      {referral.friends.length ? (
        <View className="referral__friends" role="list" aria-label={t('referral.friends')}>
          {referral.friends.map((friend, index) => (
            <FriendRow key={`${friend.joinedAt}-${index}`} friend={friend} />
          ))}
        </View>
      ) : (
        <Text className="referral__empty">{t('referral.noFriends')}</Text>
      )}
    </View>
  );
}

/** 邀请好友: the member's code, mini-program code, share card or link, and the invited friends. */
export default function ReferralPage() {
  usePageTitle('title.referral');
  const page = usePageData(fetchMyReferral, []);

  useShareAppMessage(() => ({
    title: t('referral.shareTitle'),
    path: page.data ? referralSharePath(page.data.code) : '/pages/index/index',
  }));

  return <PageState page={page}>{(referral) => <ReferralBody referral={referral} />}</PageState>;
}
