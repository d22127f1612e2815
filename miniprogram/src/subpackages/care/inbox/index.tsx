import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { shanghaiDateTime, type Inbox, type InboxItem } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { getInbox, markInboxRead } from '../../../services/reminders';
import '../care.scss';

function InboxRow({
  item,
  open,
  onOpen,
}: {
  item: InboxItem;
  open: boolean;
  onOpen: (item: InboxItem) => void;
}) {
  const unread = item.readAt === null;
  const category = t(`inbox.category.${item.category}`);
  return (
    <View
      className={`care-page__card inbox-item${unread ? ' inbox-item--unread' : ''}`}
      role="button"
      aria-expanded={open}
      data-testid="inbox-item"
      data-unread={unread ? 'true' : 'false'}
      onClick={() => onOpen(item)}
    >
      <View className="inbox-item__head">
        <Text className={`care-badge care-badge--${item.category}`} data-testid="inbox-category">
          {category}
        </Text>
        <Text className="inbox-item__title">{item.title}</Text>
        {unread ? (
          <Text className="inbox-item__unread" data-testid="inbox-unread-mark">
            {t('inbox.unread')}
          </Text>
        ) : null}
      </View>
      <Text className="care-page__hint">{shanghaiDateTime(new Date(item.createdAt))}</Text>
      {open ? (
        <Text className="inbox-item__body" data-testid="inbox-body">
          {item.body}
        </Text>
      ) : null}
    </View>
  );
}

/** 消息中心: the member's in-app notices, newest first; opening one marks it read. */
export default function InboxPage() {
  usePageTitle('title.inbox');
  const page = usePageData(() => getInbox(1), []);
  const [openId, setOpenId] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  function replace(inbox: Inbox, item: InboxItem): Inbox {
    return { ...inbox, items: inbox.items.map((each) => (each.id === item.id ? item : each)) };
  }

  async function open(item: InboxItem): Promise<void> {
    setOpenId(openId === item.id ? null : item.id);
    if (item.readAt !== null || !page.data) return;
    const inbox = page.data;
    // Shown as read at once; the server's answer decides.
    page.setData({
      ...replace(inbox, { ...item, readAt: new Date().toISOString() }),
      unread: Math.max(0, inbox.unread - 1),
    });
    try {
      await markInboxRead(item.id);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      await page.reload();
    }
  }

  async function loadMore(inbox: Inbox): Promise<void> {
    setLoadingMore(true);
    try {
      const next = await getInbox(inbox.page + 1, inbox.pageSize);
      const known = new Set(inbox.items.map((item) => item.id));
      page.setData({
        ...next,
        items: [...inbox.items, ...next.items.filter((item) => !known.has(item.id))],
      });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  }

  const settingsLink = (
    <View className="care-page__bar">
      <Button
        size="small"
        type="default"
        role="link"
        aria-label={t('title.reminderSettings')}
        onClick={() => void Taro.navigateTo({ url: '/subpackages/care/settings/index' })}
      >
        {t('title.reminderSettings')}
      </Button>
    </View>
  );

  return (
    <PageRoot className="care-page">
      <PageState page={page} isEmpty={(inbox) => inbox.items.length === 0} emptyTitle={t('inbox.empty')}>
        {(inbox) => (
          <View data-testid="inbox">
            <View className="care-page__bar">
              <Text className="care-page__text" data-testid="inbox-unread">
                {inbox.unread > 0 ? t('inbox.unreadCount', { count: inbox.unread }) : t('inbox.allRead')}
              </Text>
            </View>
            {inbox.items.map((item) => (
              <InboxRow
                key={item.id}
                item={item}
                open={openId === item.id}
                onOpen={(each) => void open(each)}
              />
            ))}
            {inbox.items.length < inbox.total ? (
              <View className="care-page__bar">
                <Button
                  block
                  type="default"
                  role="button"
                  aria-label={t('inbox.more')}
                  loading={loadingMore}
                  onClick={() => void loadMore(inbox)}
                >
                  {t('inbox.more')}
                </Button>
              </View>
            ) : (
              <Text className="care-page__end">{t('common.noMore')}</Text>
            )}
          </View>
        )}
      </PageState>
      {settingsLink}
    </PageRoot>
  );
}
