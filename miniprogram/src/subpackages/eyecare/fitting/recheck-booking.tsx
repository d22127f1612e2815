import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { shanghaiDate, shanghaiDateTime, type FamilyProfile, type Store } from '@lensloop/shared';
import { ChoiceChip } from '../../../components/choice-chip';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import {
  bookAppointment,
  cancelAppointment,
  clockTime,
  listMyAppointments,
  listRecheckSlots,
} from '../../../services/appointments';
import { listStoresNear } from '../../../services/catalog';
import { locate } from '../../../services/location';

const DAY_MS = 86_400_000;
/** Bookable days: tomorrow and the six after it. */
const BOOKING_DAYS = 7;

function bookingDays(): string[] {
  const now = Date.now();
  return Array.from({ length: BOOKING_DAYS }, (_, index) =>
    shanghaiDate(new Date(now + (index + 1) * DAY_MS)),
  );
}

/**
 * "预约复查": books a child's re-check at the nearest store for a free slot, and shows (with a
 * way to cancel) the upcoming re-check already booked for this profile.
 */
export function RecheckBooking({ profile }: { profile: FamilyProfile }) {
  const [store, setStore] = useState<Store | null>(null);
  const [open, setOpen] = useState(false);
  const [days] = useState(bookingDays);
  const [day, setDay] = useState(days[0]);
  const [start, setStart] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void locate()
      .then((coordinates) => listStoresNear(coordinates.lat, coordinates.lng))
      .then((page) => setStore(page.items[0] ?? null))
      .catch(() => setStore(null));
  }, []);

  // The profile's upcoming re-check, if one is booked.
  const bookedPage = usePageData(async () => {
    const page = await listMyAppointments();
    const upcoming = page.items.find(
      (appointment) =>
        appointment.profileId === profile.id &&
        appointment.status === 'booked' &&
        Date.parse(appointment.start) > Date.now(),
    );
    return upcoming ?? null;
  }, [profile.id]);
  const booked = bookedPage.data;

  const slotsPage = usePageData(
    async () =>
      open && store ? (await listRecheckSlots(store.id, day)).filter((slot) => slot.available > 0) : null,
    [open, store, day],
  );
  const slots = slotsPage.data;

  async function book(): Promise<void> {
    if (!store || !start) return;
    setError(null);
    try {
      bookedPage.setData(
        await bookAppointment({ storeId: store.id, start, service: 'recheck', profileId: profile.id }),
      );
      setOpen(false);
    } catch (bookError) {
      setError(bookError);
    }
  }

  async function cancel(): Promise<void> {
    if (!booked) return;
    setError(null);
    try {
      await cancelAppointment(booked.id);
      bookedPage.setData(null);
    } catch (cancelError) {
      setError(cancelError);
    }
  }

  const shownError = error ?? bookedPage.error ?? slotsPage.error;
  const errorText = shownError ? (
    <Text className="fitting-page__warning" role="alert">
      {errorMessage(shownError)}
    </Text>
  ) : null;

  if (booked) {
    const text = t('recheck.booked', {
      time: shanghaiDateTime(new Date(booked.start)),
      store: booked.storeName,
    });
    return (
      <View className="recheck" data-testid="recheck-booked">
        <Text className="recheck__booked">{text}</Text>
        {errorText}
        <Button size="small" role="button" aria-label={t('recheck.cancel')} onClick={() => void cancel()}>
          {t('recheck.cancel')}
        </Button>
      </View>
    );
  }

  const label = store ? t('fitting.recheck', { store: store.name }) : t('fitting.recheckFallback');
  return (
    <View className="recheck">
      <Button
        block
        type="primary"
        role="link"
        aria-label={label}
        aria-expanded={open}
        data-testid="book-recheck"
        disabled={!store}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      {open && store ? (
        <View className="recheck__form" data-testid="recheck-form">
          <Text className="recheck__label">{t('recheck.date')}</Text>
          <View className="recheck__chips" role="radiogroup" aria-label={t('recheck.date')}>
            {days.map((option) => (
              <ChoiceChip
                key={option}
                label={option.slice(5)}
                active={option === day}
                onClick={() => {
                  setDay(option);
                  setStart(null);
                }}
              />
            ))}
          </View>
          <Text className="recheck__label">{t('recheck.slots')}</Text>
          {slots && slots.length === 0 ? (
            <Text className="recheck__label">{t('recheck.noSlots')}</Text>
          ) : null}
          <View className="recheck__chips" role="radiogroup" aria-label={t('recheck.slots')}>
            {(slots ?? []).map((slot) => (
              <ChoiceChip
                key={slot.start}
                label={t('recheck.slot', { time: clockTime(slot.start), available: slot.available })}
                active={slot.start === start}
                onClick={() => setStart(slot.start)}
              />
            ))}
          </View>
          {errorText}
          <Button
            block
            type="primary"
            role="button"
            aria-label={t('recheck.confirm')}
            disabled={!start}
            onClick={() => void book()}
          >
            {t('recheck.confirm')}
          </Button>
        </View>
      ) : (
        errorText
      )}
    </View>
  );
}
