import type { ComponentProps } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from '../stores/large-text';

/**
 * A page's outermost element. H5 draws the large-text mode from a class on <html>; a weapp page
 * has no document, so there the page's root carries the class (styled in app.scss).
 */
export function PageRoot({ className, ...props }: ComponentProps<typeof View>) {
  const largeText = useLargeText();
  const mode = process.env.TARO_ENV === 'weapp' && largeText ? ' large-text' : '';
  return <View className={`${className ?? ''}${mode}`} {...props} />;
}
