import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { shanghaiDate, type CustomerCard, type Prescription } from '@lensloop/shared';
import { PriceTag } from '../../../components/price-tag';
import { PrescriptionCard } from '../../../components/prescription-card';
import { profileLabel } from '../../../components/profile-label';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { listCustomerOrders } from '../../../services/orders';
import { fetchOwnership } from '../../../services/customers';
import { fetchCustomer, fetchLatestPrescription } from '../../../services/prescriptions';
import { useSession } from '../../../stores/session';
import '../desk.scss';
import { TagsSection } from './tags-section';

type ProfileCard = CustomerCard['profiles'][number];

/** One family member: the last exam's date, and its values only on a tap (that read is audited). */
function ProfileSection({
  memberId,
  profile,
  canRecord,
}: {
  memberId: number;
  profile: ProfileCard;
  canRecord: boolean;
}) {
  const [prescription, setPrescription] = useState<Prescription | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = profileLabel(profile);
  const last = profile.lastPrescription;

  async function show(): Promise<void> {
    setError(null);
    try {
      setPrescription(await fetchLatestPrescription(memberId, profile.id));
    } catch (loadError) {
      setError(errorMessage(loadError));
    }
  }

  return (
    <View className="desk__card" data-testid={`profile-${profile.id}`} aria-label={label}>
      <View className="desk__row">
        <Text className="desk__name">{label}</Text>
        <Text className="desk__meta">
          {t(`relation.${profile.relation}`)}
          {profile.birthDate ? ` · ${profile.birthDate}` : ''}
        </Text>
      </View>
      <Text className="desk__meta">
        {last
          ? t('staff.lastExam', { date: last.examDate, kind: t(`kind.${last.kind}`) })
          : t('staff.noExam')}
      </Text>
      {prescription ? <PrescriptionCard prescription={prescription} /> : null}
      {error ? (
        <Text className="desk__error" role="alert">
          {error}
        </Text>
      ) : null}
      <View className="desk__actions">
        {last && !prescription ? (
          <Button
            size="small"
            type="primary"
            role="button"
            aria-label={`${t('staff.showPrescription')} ${label}`}
            onClick={() => void show()}
          >
            {t('staff.showPrescription')}
          </Button>
        ) : null}
        {canRecord ? (
          <Button
            size="small"
            type="default"
            role="button"
            aria-label={`${t('staff.recordExam')} ${label}`}
            onClick={() =>
              void Taro.navigateTo({
                url: `/subpackages/staff/record/index?memberId=${memberId}&profileId=${profile.id}&name=${encodeURIComponent(label)}&birthDate=${profile.birthDate ?? ''}`,
              })
            }
          >
            {t('staff.recordExam')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function StaffCustomerPage() {
  usePageTitle('title.staffCustomer');
  const memberId = Number(useRouter().params.memberId);
  const { staff } = useSession();
  const page = usePageData(
    () => Promise.all([fetchCustomer(memberId), listCustomerOrders(memberId), fetchOwnership(memberId)]),
    [memberId],
  );
  const mayRecord = staff?.role === 'optometrist' || staff?.role === 'manager';

  return (
    <PageState page={page}>
      {([card, { items: orders }, ownership]) => (
        <View className="desk" data-testid="customer-card">
          <View className="desk__card">
            <Text className="desk__title" role="heading" aria-level={1}>
              {card.nickname ?? card.memberCode}
            </Text>
            <Text className="desk__meta" data-testid="customer-phone">
              {card.phoneMasked ?? ''}
            </Text>
            <Text className="desk__meta">{t('staff.memberCode', { code: card.memberCode })}</Text>
            <Text className="desk__meta">
              {card.ownerStaff ? t('staff.owner', { name: card.ownerStaff.name }) : t('staff.noOwner')}
            </Text>
            {card.prescriptionConsent ? (
              <Text className="desk__hint">{t('staff.auditNotice')}</Text>
            ) : (
              <Text className="desk__error">{t('staff.noConsent')}</Text>
            )}
          </View>
          <TagsSection memberId={card.id} tagging={card} onChanged={page.reload} />
          <Text className="section-title">{t('staff.profiles')}</Text>
          {card.profiles.map((profile) => (
            <ProfileSection
              key={profile.id}
              memberId={card.id}
              profile={profile}
              canRecord={card.prescriptionConsent && mayRecord}
            />
          ))}
          <Text className="section-title">{t('owner.history')}</Text>
          <View className="desk__card" data-testid="owner-history">
            {ownership.addedVia ? (
              <Text className="desk__meta">
                {t('owner.addedVia', {
                  channel: t(`channel.${ownership.addedVia.channel}`),
                  date: shanghaiDate(new Date(ownership.addedVia.at)),
                })}
              </Text>
            ) : null}
            {ownership.history.length === 0 ? (
              <Text className="desk__meta">{t('owner.noHistory')}</Text>
            ) : null}
            {ownership.history.map((change) => (
              <Text key={change.id} className="desk__meta">
                {shanghaiDate(new Date(change.changedAt))}{' '}
                {t(`owner.reason.${change.reason}`, {
                  from: change.from?.name ?? '',
                  to: change.to.name,
                  by: change.changedBy?.name ?? '',
                })}
              </Text>
            ))}
          </View>
          <Text className="section-title">{t('staff.recentOrders')}</Text>
          <View className="desk__card" data-testid="customer-orders">
            {orders.length === 0 ? <Text className="desk__meta">{t('staff.noOrders')}</Text> : null}
            {orders.map((order) => (
              <View key={order.id} className="desk__row">
                <Text className="desk__meta">
                  {shanghaiDate(new Date(order.createdAt))} {order.firstItemName} ·{' '}
                  {t(`orderStatus.${order.status}`)}
                </Text>
                <PriceTag amount={order.payable} />
              </View>
            ))}
          </View>
        </View>
      )}
    </PageState>
  );
}
