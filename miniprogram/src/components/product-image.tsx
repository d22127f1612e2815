import { Image } from '@tarojs/components';
import { assetUrl } from '../services/request';

/**
 * A product or order picture. `alt` is empty where the name is written next to it (the picture
 * adds nothing for a screen reader), else the product's name.
 */
export function ProductImage({ className, src, alt }: { className: string; src: string; alt: string }) {
  return <Image className={className} src={assetUrl(src)} mode="aspectFit" lazyLoad nativeProps={{ alt }} />;
}
