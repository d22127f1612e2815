import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { shanghaiDateTime, type StaffAppointment } from '@lensloop/shared';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t } from '../../../i18n';
import { listStoreAppointments, markNoShow } from '../../../services/appointments';
import './index.scss';

/** The store's appointments today, earliest first; a booked one that has begun can be marked a no-show. */
export default function StaffAppointmentsPage() {
  usePageTitle('title.staffAppointments');
  const [appointments, setAppointments] = useState<StaffAppointment[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(): Promise<void> {
    try {
      setAppointments((await listStoreAppointments()).items);
      setError(null);
    } catch (loadError) {
      setError(loadError);
    }
  }

  useDidShow(() => {
    void load();
  });

  async function noShow(appointment: StaffAppointment): Promise<void> {
    try {
      await markNoShow(appointment.id);
    } catch (markError) {
      void Taro.showToast({ title: errorMessage(markError), icon: 'none' });
    }
    await load();
  }

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!appointments) return <LoadingState />;
  if (appointments.length === 0) return <EmptyState title={t('appointments.empty')} />;
  const now = Date.now();
  return (
    <View className="staff-appointments" data-testid="staff-appointments">
      {appointments.map((appointment) => {
        const label = t('appointments.row', {
          time: shanghaiDateTime(new Date(appointment.start)).slice(11),
          name: appointment.profileName,
          service: t(`appointments.service.${appointment.service}`),
        });
        const canMarkNoShow = appointment.status === 'booked' && Date.parse(appointment.start) <= now;
        return (
          <View key={appointment.id} className="staff-appointments__item" data-testid="staff-appointment">
            <View className="staff-appointments__text">
              <Text>{label}</Text>
              <Text className="staff-appointments__status">
                {t(`appointments.status.${appointment.status}`)}
              </Text>
            </View>
            {canMarkNoShow ? (
              <Button
                size="small"
                role="button"
                aria-label={`${t('appointments.noShow')} ${label}`}
                onClick={() => void noShow(appointment)}
              >
                {t('appointments.noShow')}
              </Button>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
