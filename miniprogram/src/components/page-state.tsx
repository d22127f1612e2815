import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import type { PageData } from '../hooks/use-page-data';
import { errorMessage, t } from '../i18n';
import { PageRoot } from './page-root';
// NutUI's default Empty pictures load from a CDN; draw a local one instead.
import './page-state.scss';

export function LoadingState() {
  return (
    <View className="page-state" role="status" aria-label={t('common.loading')} data-testid="loading">
      <Loading type="circular">{t('common.loading')}</Loading>
    </View>
  );
}

export function EmptyState({ title }: { title?: string }) {
  return (
    <View className="page-state" data-testid="empty">
      <Empty image={<View className="page-state__image" />} title={title ?? t('common.empty')} />
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="page-state" role="alert" data-testid="error">
      <Empty
        image={<View className="page-state__image page-state__image--error" />}
        title={errorMessage(error)}
      />
      {onRetry ? (
        <Button type="primary" size="small" role="button" aria-label={t('common.retry')} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </View>
  );
}

/**
 * The one way a page draws its data's state: loading until the first answer, the error with a
 * retry, the empty message when `isEmpty` says so, else `children` with the data.
 */
export function PageState<T>({
  page,
  isEmpty,
  emptyTitle,
  children,
}: {
  page: Pick<PageData<T>, 'data' | 'error' | 'reload'>;
  isEmpty?: (data: T) => boolean;
  emptyTitle?: string;
  children: (data: T) => ReactNode;
}) {
  let content: ReactNode;
  if (page.error) content = <ErrorState error={page.error} onRetry={() => void page.reload()} />;
  else if (page.data === null) content = <LoadingState />;
  else if (isEmpty?.(page.data)) content = <EmptyState title={emptyTitle} />;
  else content = children(page.data);
  // The weapp's large-text mode hangs on the page's root (PageRoot); H5 has it on <html> already.
  return process.env.TARO_ENV === 'weapp' ? <PageRoot>{content}</PageRoot> : <>{content}</>;
}
