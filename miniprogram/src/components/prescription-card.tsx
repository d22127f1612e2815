import { Text, View } from '@tarojs/components';
import { formatDiopters, type EyePrescription, type Prescription } from '@lensloop/shared';
import { t, type MessageKey } from '../i18n';
import './prescription-card.scss';

const COLUMNS: MessageKey[] = ['rx.eye', 'rx.sphere', 'rx.cylinder', 'rx.axis', 'rx.add', 'rx.pd'];

function pdText(tenths: number | undefined): string {
  return tenths === undefined ? '' : (tenths / 10).toFixed(1);
}

function optionalDiopters(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatDiopters(value);
}

/** One eye's row; a binocular PD is written once, on the OD row, as opticians do. */
function eyeCells(eye: EyePrescription, pd: string): string[] {
  return [
    formatDiopters(eye.sphere),
    eye.cylinder === 0 ? '' : formatDiopters(eye.cylinder),
    eye.axis ? String(eye.axis) : '',
    optionalDiopters(eye.add),
    pd,
  ];
}

/** A prescription laid out the way an optician writes it: OD/OS rows, SPH CYL AXIS ADD PD. */
export function PrescriptionCard({ prescription }: { prescription: Prescription }) {
  const { pd } = prescription;
  const binocular = 'binocular' in pd ? pd.binocular : undefined;
  const rows: [MessageKey, string[]][] = [
    ['rx.od', eyeCells(prescription.od, pdText(binocular ?? ('od' in pd ? pd.od : undefined)))],
    ['rx.os', eyeCells(prescription.os, binocular === undefined && 'os' in pd ? pdText(pd.os) : '')],
  ];
  return (
    <View
      className="rx-card"
      data-testid="prescription-card"
      aria-label={t('rx.examDate', { date: prescription.examDate })}
    >
      <View className="rx-card__header">
        <Text className="rx-card__date">{t('rx.examDate', { date: prescription.examDate })}</Text>
        <Text className="rx-card__kind">{t(`kind.${prescription.kind}`)}</Text>
        <Text
          className={`rx-card__status ${prescription.expired ? 'rx-card__status--expired' : ''}`}
          data-testid="prescription-status"
        >
          {prescription.expired ? t('rx.expired') : t('rx.valid')}
        </Text>
      </View>
      <View className="rx-card__table" role="table">
        <View className="rx-card__row rx-card__row--head" role="row">
          {COLUMNS.map((column, index) => (
            <Text
              key={column}
              className={`rx-card__cell ${index === 0 ? 'rx-card__cell--eye' : ''}`}
              role="columnheader"
            >
              {t(column)}
            </Text>
          ))}
        </View>
        {rows.map(([eye, cells]) => (
          <View key={eye} className="rx-card__row" role="row" data-testid={`rx-row-${eye.slice(3)}`}>
            <Text className="rx-card__cell rx-card__cell--eye" role="rowheader">
              {t(eye)}
            </Text>
            {cells.map((cell, index) => (
              <Text key={COLUMNS[index + 1]} className="rx-card__cell" role="cell">
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <View className="rx-card__footer">
        <Text>{t('rx.expiresAt', { date: prescription.expiresAt })}</Text>
        {prescription.storeName ? <Text>{prescription.storeName}</Text> : null}
        {prescription.examinerName ? (
          <Text>{t('rx.examiner', { name: prescription.examinerName })}</Text>
        ) : null}
      </View>
    </View>
  );
}
