import { Image, Text, View } from '@tarojs/components';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { assetUrl } from '../../../services/request';
import { listMyCommunities } from '../../../services/tags';
import '../member.scss';

/** 会员社群: the WeChat groups that fit the member, each with its QR code to scan or long-press. */
export default function MyCommunitiesPage() {
  usePageTitle('title.myCommunities');
  const page = usePageData(() => listMyCommunities(), []);

  return (
    <PageRoot className="member-page">
      <PageState page={page} isEmpty={(groups) => groups.length === 0} emptyTitle={t('community.empty')}>
        {(groups) => (
          <View data-testid="my-communities">
            <Text className="member-page__intro">{t('community.intro')}</Text>
            {groups.map((group) => (
              <View key={group.id} className="member-page__card" data-testid="community-card">
                <Text className="member-page__title" role="heading" aria-level={2}>
                  {group.name}
                </Text>
                <Text className="member-page__hint" data-testid="community-kind">
                  {t(`community.kind.${group.kind}`)}
                </Text>
                <Text className="member-page__text">{group.welcomeText}</Text>
                <Image
                  className="member-page__qr"
                  src={assetUrl(group.qrImageUrl)}
                  mode="aspectFit"
                  showMenuByLongpress
                  nativeProps={{ alt: t('community.qrAlt', { name: group.name }) }}
                  data-testid="community-qr"
                />
                <Text className="member-page__hint">{t('community.qrHint')}</Text>
                <Text
                  className={group.joined ? 'member-page__status' : 'member-page__hint'}
                  data-testid="community-joined"
                >
                  {group.joined ? t('community.joined') : t('community.notJoined')}
                </Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
