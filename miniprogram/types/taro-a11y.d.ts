/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars --
   the merged declaration must repeat Taro's type parameters exactly. */
import type { BaseTouchEvent, ITouchEvent } from '@tarojs/components/types/common';

// Taro types `role` on <View> only; H5 renders it on every component (WeChat reads it on views),
// and the browser tests find controls by role.
declare module '@tarojs/components/types/common' {
  interface StandardProps<T = any, TouchEvent extends BaseTouchEvent<any> = ITouchEvent> {
    role?: string;
  }
}
