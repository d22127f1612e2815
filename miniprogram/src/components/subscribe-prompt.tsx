import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ReminderKind, SubscriptionTemplate } from '@lensloop/shared';
import { errorMessage, t } from '../i18n';
import {
  listSubscriptionTemplates,
  MAX_TEMPLATES_PER_PROMPT,
  recordSubscriptions,
  requestWechatSubscriptions,
} from '../services/reminders';
import { subscribeAnswers } from '../stores/subscribe-answers';
import { useSession } from '../stores/session';
import './subscribe-prompt.scss';

type Phase = 'asking' | 'dialog' | 'saving' | 'granted' | 'refused';

/**
 * Asks, at a moment where a notice is plainly useful (an order paid, an exam recorded), whether the
 * member wants WeChat to notify them, for the templates carrying `kinds`. In WeChat the answer
 * comes from WeChat's own subscribe dialog, which only opens from a tap; the H5 build has no such
 * dialog and asks the same question in its own. Accepted templates are recorded as one-time grants
 * (`POST /me/subscriptions`); an answer is not asked for again in this session.
 */
export function SubscribePrompt({
  kinds,
  question,
  testId = 'subscribe-prompt',
}: {
  kinds: readonly ReminderKind[];
  question: string;
  testId?: string;
}) {
  const { token, staff } = useSession();
  const member = Boolean(token) && !staff;
  const [templates, setTemplates] = useState<SubscriptionTemplate[]>([]);
  const [phase, setPhase] = useState<Phase>('asking');
  const [granted, setGranted] = useState<SubscriptionTemplate[]>([]);
  const kindKey = kinds.join(',');

  useEffect(() => {
    if (!member) return;
    let current = true;
    listSubscriptionTemplates()
      .then((all) => {
        const wanted = kindKey.split(',');
        const fitting = all.filter((template) => template.kinds.some((kind) => wanted.includes(kind)));
        const open = subscribeAnswers.unanswered(fitting.map((template) => template.key));
        if (current)
          setTemplates(
            fitting.filter((template) => open.includes(template.key)).slice(0, MAX_TEMPLATES_PER_PROMPT),
          );
      })
      // The prompt is a courtesy: without the templates the page simply goes without it.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [member, kindKey]);

  // H5: the dialog takes the keyboard focus, as a modal dialog should (WeChat's is native).
  useEffect(() => {
    if (phase !== 'dialog' || process.env.TARO_ENV !== 'h5') return;
    const timer = setTimeout(() => {
      document.querySelector<HTMLElement>('[data-testid="subscribe-dialog"] [role="button"]')?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [phase]);

  if (!member || templates.length === 0 || phase === 'refused') return null;

  const keys = templates.map((template) => template.key);

  function refuse(): void {
    if (phase === 'saving') return;
    subscribeAnswers.record(keys, 'refused');
    setPhase('refused');
  }

  async function grant(accepted: string[]): Promise<void> {
    if (accepted.length === 0) {
      refuse();
      return;
    }
    setPhase('saving');
    try {
      await recordSubscriptions(accepted);
    } catch (error) {
      setPhase('asking');
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      return;
    }
    subscribeAnswers.record(accepted, 'granted');
    subscribeAnswers.record(
      keys.filter((key) => !accepted.includes(key)),
      'refused',
    );
    setGranted(templates.filter((template) => accepted.includes(template.key)));
    setPhase('granted');
  }

  async function accept(): Promise<void> {
    if (phase !== 'asking') return;
    if (process.env.TARO_ENV !== 'weapp') {
      setPhase('dialog');
      return;
    }
    let accepted: string[];
    try {
      accepted = await requestWechatSubscriptions(templates);
    } catch {
      // WeChat's subscribe switch is off, or the dialog failed: taken as a no for this session.
      refuse();
      return;
    }
    await grant(accepted);
  }

  if (phase === 'granted') {
    return (
      <View className="subscribe-prompt" role="status" data-testid={`${testId}-granted`}>
        <Text className="subscribe-prompt__text">
          {t('subscribe.granted', { titles: granted.map((template) => template.title).join('、') })}
        </Text>
      </View>
    );
  }

  const titles = (
    <View className="subscribe-prompt__titles" role="list">
      {templates.map((template) => (
        <Text key={template.key} className="subscribe-prompt__title" role="listitem">
          {template.title}
        </Text>
      ))}
    </View>
  );

  return (
    <View className="subscribe-prompt" role="region" aria-label={t('subscribe.region')} data-testid={testId}>
      <Text className="subscribe-prompt__question">{question}</Text>
      {titles}
      <View className="subscribe-prompt__actions">
        <Button
          type="primary"
          size="small"
          role="button"
          aria-label={t('subscribe.accept')}
          loading={phase === 'saving'}
          onClick={() => void accept()}
        >
          {t('subscribe.accept')}
        </Button>
        <Button
          type="default"
          size="small"
          role="button"
          aria-label={t('subscribe.decline')}
          onClick={refuse}
        >
          {t('subscribe.decline')}
        </Button>
      </View>
      {phase === 'dialog' ? (
        <View className="subscribe-dialog">
          <View
            className="subscribe-dialog__box"
            role="dialog"
            aria-modal="true"
            aria-label={t('subscribe.dialogTitle')}
            data-testid="subscribe-dialog"
          >
            <Text className="subscribe-dialog__heading">{t('subscribe.dialogTitle')}</Text>
            <Text className="subscribe-prompt__text">{t('subscribe.dialogText')}</Text>
            {titles}
            <Text className="subscribe-prompt__hint">{t('subscribe.oneTime')}</Text>
            <View className="subscribe-prompt__actions">
              <Button type="default" role="button" aria-label={t('subscribe.deny')} onClick={refuse}>
                {t('subscribe.deny')}
              </Button>
              <Button
                type="primary"
                role="button"
                aria-label={t('subscribe.allow')}
                onClick={() => void grant(keys)}
              >
                {t('subscribe.allow')}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
