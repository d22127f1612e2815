import { useMemo } from 'react';
import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { code128Widths } from './code128';
import './scan-code.scss';

/** A QR code as a GIF data URL (drawn by qrcode-generator): an <image> source in the weapp and H5. */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(8, 4);
}

/** Bars as flex items, widths in modules; the quiet zones are the padding. */
function Barcode({ text }: { text: string }) {
  const widths = useMemo(() => code128Widths(text), [text]);
  return (
    <View className="scan-code__barcode" data-testid="scan-code-barcode">
      {widths.map((width, index) => (
        <View
          key={index}
          className={index % 2 === 0 ? 'scan-code__bar' : 'scan-code__space'}
          style={{ flexGrow: width, flexShrink: 0, flexBasis: 0 }}
        />
      ))}
    </View>
  );
}

interface ScanCodeProps {
  /** What the code carries, also written under it. */
  code: string;
  /** The accessible name of the picture (e.g. "会员码二维码"). */
  label: string;
  /** Also draw a Code 128 barcode (for counter scanners that read only barcodes). */
  barcode?: boolean;
  /** A line under the code text, e.g. when it refreshes. */
  hint?: string;
  testId?: string;
}

/** A scannable code for the staff desk: the QR (and a barcode), with the code text readable under it. */
export function ScanCode({ code, label, barcode = false, hint, testId }: ScanCodeProps) {
  const src = useMemo(() => qrDataUrl(code), [code]);
  return (
    <View className="scan-code" data-testid={testId}>
      <View className="scan-code__qr-box" role="img" aria-label={label}>
        {/* The box is the image for assistive technology; the picture itself is presentational. */}
        <Image className="scan-code__qr" src={src} mode="aspectFit" nativeProps={{ alt: '' }} />
      </View>
      {barcode ? <Barcode text={code} /> : null}
      <Text className="scan-code__text" data-testid="scan-code-text" selectable>
        {code}
      </Text>
      {hint ? <Text className="scan-code__hint">{hint}</Text> : null}
    </View>
  );
}
