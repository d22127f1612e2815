import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { REMINDER_KINDS, type ReminderKind, type ReminderSettings } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { getReminderSettings, updateReminderSettings } from '../../../services/reminders';
import '../care.scss';

function KindText({ kind }: { kind: ReminderKind }) {
  return (
    <View className="care-setting__text">
      <Text className="care-setting__label">{t(`reminderKind.${kind}`)}</Text>
      <Text className="care-page__hint">{t(`reminderKind.${kind}.hint`)}</Text>
    </View>
  );
}

/** 提醒设置: care and marketing reminders can be turned off one by one; service notices always come. */
export default function ReminderSettingsPage() {
  usePageTitle('title.reminderSettings');
  const page = usePageData(() => getReminderSettings(), []);
  const [saving, setSaving] = useState<ReminderKind | null>(null);

  async function toggle(settings: ReminderSettings, kind: ReminderKind): Promise<void> {
    if (saving) return;
    const muted = settings.muted.includes(kind)
      ? settings.muted.filter((each) => each !== kind)
      : [...settings.muted, kind];
    setSaving(kind);
    page.setData({ ...settings, muted });
    try {
      page.setData(await updateReminderSettings(muted));
    } catch (error) {
      page.setData(settings);
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setSaving(null);
    }
  }

  return (
    <PageRoot className="care-page">
      <PageState page={page}>
        {(settings) => {
          const always = REMINDER_KINDS.filter((kind) => !settings.mutable.includes(kind));
          return (
            <View data-testid="reminder-settings">
              <View
                className="care-page__section"
                role="group"
                aria-label={t('reminderSettings.mutableTitle')}
              >
                <Text className="care-page__title" role="heading" aria-level={2}>
                  {t('reminderSettings.mutableTitle')}
                </Text>
                <Text className="care-page__hint">{t('reminderSettings.mutableHint')}</Text>
                {settings.mutable.map((kind) => {
                  const on = !settings.muted.includes(kind);
                  return (
                    <View key={kind} className="care-setting" data-testid={`setting-${kind}`}>
                      <KindText kind={kind} />
                      <Button
                        size="small"
                        type={on ? 'primary' : 'default'}
                        role="switch"
                        aria-checked={on}
                        aria-label={`${t(`reminderKind.${kind}`)} ${on ? t('reminderSettings.on') : t('reminderSettings.off')}`}
                        loading={saving === kind}
                        onClick={() => void toggle(settings, kind)}
                      >
                        {on ? t('reminderSettings.on') : t('reminderSettings.off')}
                      </Button>
                    </View>
                  );
                })}
              </View>
              <View
                className="care-page__section"
                role="group"
                aria-label={t('reminderSettings.alwaysTitle')}
              >
                <Text className="care-page__title" role="heading" aria-level={2}>
                  {t('reminderSettings.alwaysTitle')}
                </Text>
                <Text className="care-page__hint">{t('reminderSettings.alwaysHint')}</Text>
                {always.map((kind) => (
                  <View key={kind} className="care-setting" data-testid={`setting-${kind}`}>
                    <KindText kind={kind} />
                    <Text className="care-setting__always">{t('reminderSettings.always')}</Text>
                  </View>
                ))}
              </View>
            </View>
          );
        }}
      </PageState>
    </PageRoot>
  );
}
