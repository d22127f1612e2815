import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cell } from '@nutui/nutui-react-taro';
import { shanghaiDate, type Membership } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { getMembership } from '../../../services/membership';
import './index.scss';

/** How far the 12-month spend has come from the current tier's threshold to the next one's, 0–100. */
function progressPercent(membership: Membership): number {
  if (!membership.nextTier) return 100;
  const { minSpend, missing } = membership.nextTier;
  if (minSpend <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round(((minSpend - missing) / minSpend) * 100)));
}

function discountText(percent: number): string {
  if (percent <= 0) return t('membership.noDiscount');
  return t('membership.discount', { percent, rate: String((100 - percent) / 10) });
}

/** The member centre: tier and the way to the next, the discount it gives, points and what expires next. */
export default function MembershipCentrePage() {
  usePageTitle('title.membership');
  const page = usePageData(getMembership, []);

  return (
    <PageState page={page}>
      {(membership) => {
        const progress = progressPercent(membership);
        return (
          <View className="membership-page" data-testid="membership">
            <View className={`membership-page__card membership-page__card--${membership.tier}`}>
              <Text className="membership-page__tier" data-testid="membership-tier">
                {t(`tier.${membership.tier}`)}
              </Text>
              <Text className="membership-page__benefit">{discountText(membership.discountPercent)}</Text>
              <Text className="membership-page__spend">
                {t('membership.spend12m')} {priceText(membership.spend12m)}
              </Text>
              <View
                className="membership-page__bar"
                role="progressbar"
                aria-label={t('membership.progress')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={progress}
              >
                <View className="membership-page__bar-fill" style={{ width: `${progress}%` }} />
              </View>
              <Text className="membership-page__next" data-testid="membership-next">
                {membership.nextTier
                  ? t('membership.nextTier', {
                      missing: priceText(membership.nextTier.missing),
                      tier: t(`tier.${membership.nextTier.tier}`),
                    })
                  : t('membership.topTier')}
              </Text>
            </View>
            <Cell.Group>
              <Cell
                title={t('membership.points')}
                description={t('membership.pointsValue')}
                extra={<Text data-testid="membership-points">{String(membership.points)}</Text>}
              />
              {membership.pointsExpiring ? (
                <Cell
                  title={t('membership.pointsExpiring', {
                    points: membership.pointsExpiring.points,
                    date: shanghaiDate(new Date(membership.pointsExpiring.at)),
                  })}
                />
              ) : null}
              {/* NutUI's Cell drops ARIA attributes: the wrapper carries the role. */}
              <View
                role="link"
                aria-label={t('membership.ledger')}
                data-testid="points-ledger-link"
                onClick={() => void Taro.navigateTo({ url: '/subpackages/membership/points/index' })}
              >
                <Cell title={t('membership.ledger')} clickable extra="›" />
              </View>
            </Cell.Group>
          </View>
        );
      }}
    </PageState>
  );
}
