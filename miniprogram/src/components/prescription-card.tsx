import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  formatDiopters,
  type EyePrescription,
  type Prescription,
  type PrescriptionKind,
} from '@lensloop/shared';
import { t, type MessageKey } from '../i18n';
import './prescription-card.scss';

function pdText(tenths: number | undefined): string {
  return tenths === undefined ? '' : (tenths / 10).toFixed(1);
}

function optionalDiopters(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatDiopters(value);
}

function millimetres(hundredths: number | null | undefined): string {
  return hundredths === null || hundredths === undefined ? '' : (hundredths / 100).toFixed(1);
}

/** 度 as customers say it: hundredths of a diopter, so −1.25 D is "近视 125 度". */
function plainEye(eye: EyePrescription): string {
  const parts = [
    eye.sphere < 0
      ? t('rx.plainMyopia', { degrees: -eye.sphere })
      : eye.sphere > 0
        ? t('rx.plainHyperopia', { degrees: eye.sphere })
        : t('rx.plainNone'),
  ];
  if (eye.cylinder !== 0) {
    parts.push(t('rx.plainAstigmatism', { degrees: Math.abs(eye.cylinder), axis: eye.axis ?? '' }));
  }
  return parts.join(t('rx.plainSeparator'));
}

interface Column {
  label: MessageKey;
  cell: (eye: EyePrescription) => string;
}

const POWER_COLUMNS: Column[] = [
  { label: 'rx.sphere', cell: (eye) => formatDiopters(eye.sphere) },
  { label: 'rx.cylinder', cell: (eye) => (eye.cylinder === 0 ? '' : formatDiopters(eye.cylinder)) },
  { label: 'rx.axis', cell: (eye) => (eye.axis ? String(eye.axis) : '') },
];
const ADD_COLUMN: Column = { label: 'rx.add', cell: (eye) => optionalDiopters(eye.add) };
const CONTACT_LENS_COLUMNS: Column[] = [
  { label: 'rx.baseCurve', cell: (eye) => millimetres(eye.baseCurve) },
  { label: 'rx.diameter', cell: (eye) => millimetres(eye.diameter) },
];

/** SPH CYL AXIS, then ADD for spectacles or BC DIA for contact lenses. */
function columnsFor(kind: PrescriptionKind): Column[] {
  return [...POWER_COLUMNS, ...(kind === 'contact_lens' ? CONTACT_LENS_COLUMNS : [ADD_COLUMN])];
}

/** A prescription laid out the way an optician writes it: OD/OS rows, SPH CYL AXIS ADD PD. */
export function PrescriptionCard({ prescription }: { prescription: Prescription }) {
  const { pd } = prescription;
  const binocular = 'binocular' in pd ? pd.binocular : undefined;
  const columns = columnsFor(prescription.kind);
  // A binocular PD is written once, on the OD row, as opticians do.
  const rows: [MessageKey, EyePrescription, string][] = [
    ['rx.od', prescription.od, pdText(binocular ?? ('od' in pd ? pd.od : undefined))],
    ['rx.os', prescription.os, binocular === undefined && 'os' in pd ? pdText(pd.os) : ''],
  ];
  const headers: MessageKey[] = ['rx.eye', ...columns.map((column) => column.label), 'rx.pd'];
  const [explained, setExplained] = useState(false);
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
          {headers.map((header, index) => (
            <Text
              key={header}
              className={`rx-card__cell ${index === 0 ? 'rx-card__cell--eye' : ''}`}
              role="columnheader"
            >
              {t(header)}
            </Text>
          ))}
        </View>
        {rows.map(([label, eye, pdCell]) => (
          <View key={label} className="rx-card__row" role="row" data-testid={`rx-row-${label.slice(3)}`}>
            <Text className="rx-card__cell rx-card__cell--eye" role="rowheader">
              {t(label)}
            </Text>
            {[...columns.map((column) => column.cell(eye)), pdCell].map((cell, index) => (
              <Text key={headers[index + 1]} className="rx-card__cell" role="cell">
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <Button
        size="small"
        fill="none"
        role="button"
        aria-expanded={explained}
        aria-label={t('rx.explain')}
        onClick={() => setExplained(!explained)}
      >
        {t('rx.explain')}
      </Button>
      {explained ? (
        <View className="rx-card__plain" data-testid="prescription-plain">
          {rows.map(([label, eye]) => (
            <Text key={label} className="rx-card__plain-eye">
              {t('rx.plainEye', { eye: t(label), text: plainEye(eye) })}
            </Text>
          ))}
        </View>
      ) : null}
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
