import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import {
  formatDiopters,
  isChildAt,
  shanghaiDate,
  type FamilyProfile,
  type MyopiaTrend,
  type Prescription,
} from '@lensloop/shared';
import { MyopiaChart } from '../../../components/myopia-chart';
import { PrescriptionCard } from '../../../components/prescription-card';
import { profileLabel } from '../../../components/profile-label';
import { EmptyState, ErrorState, LoadingState, PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { sendToLogin } from '../../../services/login-redirect';
import {
  fetchMyopiaTrend,
  fetchPrescriptionConsent,
  listPrescriptions,
  listProfiles,
  recordPrescriptionConsent,
} from '../../../services/prescriptions';
import { useSession } from '../../../stores/session';
import { AddProfileForm } from './add-profile-form';
import { RecheckBooking } from './recheck-booking';
import { SubscribePrompt } from '../../../components/subscribe-prompt';
import './index.scss';
import { PageRoot } from '../../../components/page-root';

interface ProfileHistory {
  prescriptions: Prescription[];
  isChild: boolean;
  /** Only loaded for children: the chart is for myopia management. */
  trend: MyopiaTrend | null;
}

function progressionText(rate: number | null): string {
  return rate === null ? '—' : formatDiopters(rate);
}

/** Hundredths of a millimetre per year as `0.25`. */
function axialGrowthText(rate: number | null): string {
  return rate === null ? '—' : (rate / 100).toFixed(2);
}

function TrendSection({ trend, profile }: { trend: MyopiaTrend; profile: FamilyProfile }) {
  return (
    <View className="fitting-page__trend" data-testid="myopia-trend">
      <Text className="section-title">{t('fitting.chartTitle')}</Text>
      <MyopiaChart trend={trend} />
      <Text className="fitting-page__progression" data-testid="progression">
        {t('fitting.progression', {
          od: progressionText(trend.progressionPerYear.od),
          os: progressionText(trend.progressionPerYear.os),
        })}
      </Text>
      {trend.fastProgression ? (
        <Text className="fitting-page__warning" role="alert" data-testid="fast-progression">
          {t('fitting.fastWarning')}
        </Text>
      ) : null}
      {trend.axialGrowthPerYear.od !== null || trend.axialGrowthPerYear.os !== null ? (
        <Text className="fitting-page__progression" data-testid="axial-growth">
          {t('fitting.axialGrowth', {
            od: axialGrowthText(trend.axialGrowthPerYear.od),
            os: axialGrowthText(trend.axialGrowthPerYear.os),
          })}
        </Text>
      ) : null}
      {trend.fastAxialGrowth ? (
        <Text className="fitting-page__warning" role="alert" data-testid="fast-axial-growth">
          {t('fitting.fastAxialWarning')}
        </Text>
      ) : null}
      <RecheckBooking profile={profile} />
    </View>
  );
}

/** The separate consent PIPL asks for before health data is stored; it can be withdrawn here. */
function ConsentCard({ granted, onChange }: { granted: boolean; onChange: (granted: boolean) => void }) {
  const [error, setError] = useState<unknown>(null);
  async function decide(next: boolean): Promise<void> {
    setError(null);
    try {
      await recordPrescriptionConsent(next);
      onChange(next);
    } catch (decideError) {
      setError(decideError);
    }
  }
  const action = granted ? t('consent.withdraw') : t('consent.grant');
  return (
    <View className="fitting-page__consent" data-testid="consent">
      <Text className="fitting-page__consent-text">
        {granted ? t('consent.granted') : t('consent.prompt')}
      </Text>
      {error ? (
        <Text className="fitting-page__warning" role="alert">
          {errorMessage(error)}
        </Text>
      ) : null}
      <Button
        size="small"
        type={granted ? 'default' : 'primary'}
        role="button"
        aria-label={action}
        onClick={() => void decide(!granted)}
      >
        {action}
      </Button>
    </View>
  );
}

export default function FittingPage() {
  usePageTitle('title.fitting');
  const { token, staff } = useSession();
  const [profiles, setProfiles] = useState<FamilyProfile[] | null>(null);
  const [selected, setSelected] = useState<FamilyProfile | null>(null);
  const [consent, setConsent] = useState<boolean | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const signedIn = Boolean(token) && !staff;

  const loadProfiles = useCallback(async () => {
    setError(null);
    try {
      const [loaded, granted] = await Promise.all([listProfiles(), fetchPrescriptionConsent()]);
      setConsent(granted);
      setProfiles(loaded);
      setSelected((current) => loaded.find((profile) => profile.id === current?.id) ?? loaded[0] ?? null);
    } catch (loadError) {
      setError(loadError);
    }
  }, []);

  useDidShow(() => {
    if (signedIn) void loadProfiles();
  });

  const history = usePageData(async (): Promise<ProfileHistory | null> => {
    if (!selected) return null;
    const isChild = selected.birthDate !== null && isChildAt(selected.birthDate, shanghaiDate(new Date()));
    const [page, trend] = await Promise.all([
      listPrescriptions(selected.id),
      isChild ? fetchMyopiaTrend(selected.id) : Promise.resolve(null),
    ]);
    return { prescriptions: page.items, isChild, trend };
  }, [selected]);

  if (!signedIn) {
    return (
      <PageRoot className="fitting-page">
        <EmptyState title={t('fitting.loggedOut')} />
        <Button type="primary" role="button" aria-label={t('me.login')} onClick={() => sendToLogin()}>
          {t('me.login')}
        </Button>
      </PageRoot>
    );
  }
  if (error) return <ErrorState error={error} onRetry={() => void loadProfiles()} />;
  if (!profiles) return <LoadingState />;

  return (
    <PageRoot className="fitting-page">
      {/* Asked first while missing; once given, the way to withdraw it sits below the history. */}
      {consent === false ? <ConsentCard granted={false} onChange={setConsent} /> : null}
      <View className="fitting-page__profiles" role="tablist" aria-label={t('staff.profiles')}>
        {profiles.map((profile) => (
          <View
            key={profile.id}
            role="tab"
            aria-selected={profile.id === selected?.id}
            aria-label={profileLabel(profile)}
            className={`fitting-page__profile ${profile.id === selected?.id ? 'fitting-page__profile--active' : ''}`}
            onClick={() => setSelected(profile)}
          >
            <Text>{profileLabel(profile)}</Text>
          </View>
        ))}
        <View
          role="tab"
          aria-selected={adding}
          aria-label={t('profile.add')}
          className={`fitting-page__profile ${adding ? 'fitting-page__profile--active' : ''}`}
          onClick={() => setAdding(!adding)}
        >
          <Text>{t('profile.add')}</Text>
        </View>
      </View>
      {adding ? (
        <AddProfileForm
          onAdded={(profile) => {
            setAdding(false);
            setProfiles([...profiles, profile]);
            setSelected(profile);
          }}
        />
      ) : null}
      <PageState page={history}>
        {({ prescriptions, isChild, trend }) => (
          <>
            {/* After an exam: the moment a re-check reminder is plainly useful. */}
            {prescriptions.length > 0 ? (
              <SubscribePrompt
                kinds={isChild ? ['child_recheck'] : ['adult_renewal']}
                question={t(isChild ? 'subscribe.askChildRecheck' : 'subscribe.askRenewal')}
              />
            ) : null}
            {selected && trend && trend.points.length > 0 ? (
              <TrendSection trend={trend} profile={selected} />
            ) : null}
            <Text className="section-title">{t('fitting.history')}</Text>
            {prescriptions.length === 0 ? (
              <EmptyState title={t('fitting.empty')} />
            ) : (
              <View data-testid="fitting-history">
                {prescriptions.map((prescription) => (
                  <PrescriptionCard key={prescription.id} prescription={prescription} />
                ))}
              </View>
            )}
          </>
        )}
      </PageState>
      <View
        className="fitting-page__link"
        role="link"
        aria-label={t('accessLog.link')}
        onClick={() => void Taro.navigateTo({ url: '/subpackages/eyecare/access-log/index' })}
      >
        <Cell title={t('accessLog.link')} clickable extra="›" />
      </View>
      {consent === true ? <ConsentCard granted onChange={setConsent} /> : null}
    </PageRoot>
  );
}
