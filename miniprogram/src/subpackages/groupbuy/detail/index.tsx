import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { GroupBuyGroup, MyGroup } from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { ProductImage } from '../../../components/product-image';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import {
  getGroup,
  groupShareLink,
  groupSharePath,
  joinGroup,
  listMyGroups,
  timeLeft,
} from '../../../services/group-buy';
import { payOrder } from '../../../services/orders';
import { useSession } from '../../../stores/session';
import { groupPriceText } from '../group-text';
import '../groupbuy.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** How often an open group is fetched again while the page is on screen. */
const REFRESH_MS = 10_000;

async function copy(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
    void Taro.showToast({ title: t('groupBuy.copied'), icon: 'none' });
  } catch (error) {
    void Taro.showToast({ title: errorMessage(error), icon: 'none' });
  }
}

/** Ticks every second while `active`: the live countdown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function Members({ group }: { group: GroupBuyGroup }) {
  return (
    <View
      className="groupbuy__members"
      role="list"
      aria-label={t('groupBuy.members')}
      data-testid="group-members"
    >
      {group.members.map((member, index) => (
        <View key={`${member.joinedAt}-${index}`} className="groupbuy__member" role="listitem">
          <View className="groupbuy__avatar" aria-hidden>
            <Text>{member.nicknameMasked.slice(0, 1)}</Text>
          </View>
          <Text className="groupbuy__member-name">{member.nicknameMasked}</Text>
          <Text className="groupbuy__member-role">
            {[
              member.leader ? t('groupBuy.leader') : null,
              member.paid ? t('groupBuy.paid') : t('groupBuy.unpaid'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </View>
      ))}
      {Array.from({ length: group.seatsLeft }, (_seat, index) => (
        <View key={`empty-${index}`} className="groupbuy__member" role="listitem">
          <View className="groupbuy__avatar groupbuy__avatar--empty" aria-hidden>
            <Text>?</Text>
          </View>
          <Text className="groupbuy__member-role">{t('groupBuy.emptySeat')}</Text>
        </View>
      ))}
    </View>
  );
}

function GroupBody({
  group,
  mySeat,
  onChanged,
}: {
  group: GroupBuyGroup;
  mySeat: MyGroup | undefined;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const open = group.status === 'open';
  const now = useNow(open);
  const left = timeLeft(group.deadline, now);
  const percent = Math.round((group.paidCount / group.size) * 100);
  const link = groupShareLink(group.id);

  async function act(action: () => Promise<unknown>): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  let action = null;
  if (open && mySeat?.seatStatus === 'pending') {
    action = (
      <View className="groupbuy__entry">
        <Text className="groupbuy__hint">{t('groupBuy.payHint')}</Text>
        <Button
          block
          type="primary"
          size="large"
          loading={busy}
          role="button"
          aria-label={t('groupBuy.pay')}
          data-testid="group-pay"
          onClick={() => void act(() => payOrder(mySeat.orderId))}
        >
          {t('groupBuy.pay')}
        </Button>
      </View>
    );
  } else if (mySeat && mySeat.seatStatus !== 'released') {
    action = (
      <Text className="groupbuy__hint" data-testid="group-joined">
        {t('groupBuy.joined')}
      </Text>
    );
  } else if (open && group.seatsLeft > 0) {
    action = (
      <Button
        block
        type="primary"
        size="large"
        loading={busy}
        role="button"
        aria-label={t('groupBuy.join')}
        data-testid="group-join"
        onClick={() => void act(() => joinGroup(group.id))}
      >
        {t('groupBuy.join')}
      </Button>
    );
  }

  return (
    <View data-testid="group-detail">
      <View className="groupbuy__card">
        <View className="groupbuy__row">
          <ProductImage className="groupbuy__image" src={group.imageUrl} alt={group.productName} />
          <View className="groupbuy__body">
            <Text className="groupbuy__title" role="heading" aria-level={1}>
              {group.campaignName}
            </Text>
            <Text className="groupbuy__meta">{group.productName}</Text>
            <View className="groupbuy__prices">
              <Text className="groupbuy__price">{groupPriceText(group.groupPrice)}</Text>
              {group.listPrice > group.groupPrice ? (
                <Text className="groupbuy__list-price">
                  {t('groupBuy.listPrice', { price: priceText(group.listPrice) })}
                </Text>
              ) : null}
            </View>
          </View>
        </View>
      </View>
      <View className="groupbuy__card">
        <Text
          className={`groupbuy__status groupbuy__status--${group.status}`}
          role="status"
          data-testid="group-status"
        >
          {t(`groupBuy.status.${group.status}`)}
        </Text>
        <View
          className="groupbuy__progress"
          role="progressbar"
          aria-label={t('groupBuy.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={group.size}
          aria-valuenow={group.paidCount}
        >
          <View className="groupbuy__progress-fill" style={{ width: `${percent}%` }} />
        </View>
        <Text className="groupbuy__meta" data-testid="group-progress">
          {t('groupBuy.progress', { paid: group.paidCount, size: group.size })}
        </Text>
        {open ? (
          <>
            <Text className="groupbuy__meta" data-testid="group-seats-left">
              {group.seatsLeft > 0 ? t('groupBuy.seatsLeft', { count: group.seatsLeft }) : t('groupBuy.full')}
            </Text>
            <Text className="groupbuy__countdown" data-testid="group-countdown" aria-live="off">
              {left ? t('groupBuy.countdown', { time: left }) : t('groupBuy.ended')}
            </Text>
          </>
        ) : null}
        <Members group={group} />
        {action}
      </View>
      {open ? (
        <View className="groupbuy__card">
          {IS_WEAPP ? (
            <Button
              block
              type="primary"
              size="large"
              openType="share"
              role="button"
              aria-label={t('groupBuy.share')}
            >
              {t('groupBuy.share')}
            </Button>
          ) : (
            <>
              <Text className="groupbuy__meta">{t('groupBuy.shareLink')}</Text>
              <Text className="groupbuy__link-text" data-testid="group-share-link">
                {link}
              </Text>
              <Button
                block
                type="default"
                size="large"
                role="button"
                aria-label={t('groupBuy.copyLink')}
                onClick={() => void copy(link)}
              >
                {t('groupBuy.copyLink')}
              </Button>
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}

/** 拼团详情 (`?group=<id>`, the share link): progress, live countdown, members, join or pay, share. */
export default function GroupDetailPage() {
  usePageTitle('title.groupBuy');
  const id = Number(useRouter().params.group);
  const { token } = useSession();
  const group = usePageData(() => getGroup(id), [id]);
  // Whether the member holds a seat here (a visitor without a session sees the group only).
  const mine = usePageData(() => (token ? listMyGroups() : Promise.resolve([] as MyGroup[])), [token]);
  const isOpen = group.data?.status === 'open';
  const { reload } = group;

  useEffect(() => {
    if (!isOpen) return undefined;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [isOpen, reload]);

  useShareAppMessage(() => ({
    title: group.data
      ? t('groupBuy.shareTitle', {
          price: groupPriceText(group.data.groupPrice),
          product: group.data.productName,
        })
      : t('title.groupBuys'),
    path: groupSharePath(id),
  }));

  return (
    <PageRoot className="groupbuy">
      <PageState page={group}>
        {(data) => (
          <GroupBody
            group={data}
            mySeat={mine.data?.find((seat) => seat.id === data.id)}
            onChanged={() => {
              void group.reload();
              void mine.reload();
            }}
          />
        )}
      </PageState>
    </PageRoot>
  );
}
