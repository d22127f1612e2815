import { useEffect, useState } from 'react';
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { t } from '../i18n';
import { assetUrl, readToken } from '../services/request';

/**
 * A picture only its owner or the store may see (a trade-in photo): downloaded with the session's
 * bearer token (`Taro.downloadFile`: a temp file in the weapp, a blob URL in H5), then drawn.
 */
export function AuthorizedImage({ className, src, alt }: { className: string; src: string; alt: string }) {
  const [downloaded, setDownloaded] = useState<{ src: string; path: string } | null>(null);

  useEffect(() => {
    let current = true;
    const token = readToken();
    Taro.downloadFile({ url: assetUrl(src), header: token ? { authorization: `Bearer ${token}` } : {} })
      .then((result) => {
        if (current && result.statusCode === 200) setDownloaded({ src, path: result.tempFilePath });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [src]);

  return downloaded?.src === src ? (
    <Image className={className} src={downloaded.path} mode="aspectFill" nativeProps={{ alt }} />
  ) : (
    <View className={className} role="img" aria-label={alt} />
  );
}

/** A trade-in's photos, each drawn with the session's token and named by its number. */
export function TradeInPhotos({
  photos,
  rowClassName,
  photoClassName,
}: {
  photos: readonly { id: number; url: string }[];
  rowClassName: string;
  photoClassName: string;
}) {
  return (
    <View className={rowClassName}>
      {photos.map((photo, index) => (
        <AuthorizedImage
          key={photo.id}
          className={photoClassName}
          src={photo.url}
          alt={t('tradeIn.photoAlt', { index: index + 1 })}
        />
      ))}
    </View>
  );
}
