import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { StaffAppointment } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { clockTime, listStoreAppointments, markNoShow } from '../../../services/appointments';
import './index.scss';

/** The store's appointments today, earliest first; a booked one that has begun can be marked a no-show. */
export default function StaffAppointmentsPage() {
  usePageTitle('title.staffAppointments');
  // The time of the answer decides which appointments have begun (and may be marked no-shows).
  const page = usePageData(
    async () => ({ appointments: (await listStoreAppointments()).items, loadedAt: Date.now() }),
    [],
  );

  async function noShow(appointment: StaffAppointment): Promise<void> {
    try {
      await markNoShow(appointment.id);
    } catch (markError) {
      void Taro.showToast({ title: errorMessage(markError), icon: 'none' });
    }
    await page.reload();
  }

  return (
    <PageState
      page={page}
      isEmpty={({ appointments }) => appointments.length === 0}
      emptyTitle={t('appointments.empty')}
    >
      {({ appointments, loadedAt }) => (
        <View className="staff-appointments" data-testid="staff-appointments">
          {appointments.map((appointment) => {
            const label = t('appointments.row', {
              time: clockTime(appointment.start),
              name: appointment.profileName,
              service: t(`appointments.service.${appointment.service}`),
            });
            const canMarkNoShow =
              appointment.status === 'booked' && Date.parse(appointment.start) <= loadedAt;
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
      )}
    </PageState>
  );
}
