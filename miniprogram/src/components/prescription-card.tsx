import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  eyeFieldsFor,
  formatDiopters,
  type EyePrescription,
  type EyeValueField,
  type Prescription,
} from '@lensloop/shared';
import { t, type MessageKey } from '../i18n';
import './prescription-card.scss';

/** Column and field names of the per-eye values (the card and the staff exam form). */
export const EYE_FIELD_LABELS: Record<EyeValueField, MessageKey> = {
  sphere: 'rx.sphere',
  cylinder: 'rx.cylinder',
  axis: 'rx.axis',
  add: 'rx.add',
  baseCurve: 'rx.baseCurve',
  diameter: 'rx.diameter',
  fittingHeight: 'rx.fittingHeight',
  va: 'rx.va',
  axialLength: 'rx.axialLength',
};

function pdText(tenths: number | undefined): string {
  return tenths === undefined ? '' : (tenths / 10).toFixed(1);
}

function optionalDiopters(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatDiopters(value);
}

function millimetres(value: number | null | undefined, scale = 100, decimals = 1): string {
  return value === null || value === undefined ? '' : (value / scale).toFixed(decimals);
}

const PRISM_BASE_NOTATION = { in: 'BI', out: 'BO', up: 'BU', down: 'BD' } as const;

/** "1.00Δ BI, 0.50Δ BU" as opticians write prism. */
function prismText(eye: EyePrescription): string {
  return [eye.prism?.horizontal, eye.prism?.vertical]
    .flatMap((component) =>
      component ? [`${(component.amount / 100).toFixed(2)}Δ ${PRISM_BASE_NOTATION[component.base]}`] : [],
    )
    .join(', ');
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

const CELLS: Record<EyeValueField, (eye: EyePrescription) => string> = {
  sphere: (eye) => formatDiopters(eye.sphere),
  cylinder: (eye) => (eye.cylinder === 0 ? '' : formatDiopters(eye.cylinder)),
  axis: (eye) => (eye.axis ? String(eye.axis) : ''),
  add: (eye) => optionalDiopters(eye.add),
  baseCurve: (eye) => millimetres(eye.baseCurve, 100, 2),
  diameter: (eye) => millimetres(eye.diameter),
  fittingHeight: (eye) => millimetres(eye.fittingHeight, 10),
  va: (eye) => (eye.va === null || eye.va === undefined ? '' : eye.va.toFixed(eye.va < 0.1 ? 2 : 1)),
  axialLength: (eye) => millimetres(eye.axialLength, 100, 2),
};

// Measurements every kind may carry get a column only when one was taken.
const OPTIONAL_COLUMNS: readonly EyeValueField[] = ['va', 'axialLength'];

/** The columns of the kind (eyeFieldsFor, the rule the validator applies), less empty measurements. */
function columnsFor(prescription: Prescription): EyeValueField[] {
  return eyeFieldsFor(prescription.kind).filter(
    (field) =>
      !OPTIONAL_COLUMNS.includes(field) ||
      [prescription.od, prescription.os].some((eye) => CELLS[field](eye) !== ''),
  );
}

/** A prescription laid out the way an optician writes it: OD/OS rows, SPH CYL AXIS ADD PD. */
export function PrescriptionCard({ prescription }: { prescription: Prescription }) {
  const pd = prescription.pd ?? null;
  const binocular = pd && 'binocular' in pd ? pd.binocular : undefined;
  const columns = columnsFor(prescription);
  // A binocular PD is written once, on the OD row, as opticians do; contact lenses have none.
  const rows: [MessageKey, EyePrescription, string[]][] = [
    ['rx.od', prescription.od, pd ? [pdText(binocular ?? ('od' in pd ? pd.od : undefined))] : []],
    ['rx.os', prescription.os, pd ? [binocular === undefined && 'os' in pd ? pdText(pd.os) : ''] : []],
  ];
  const headers: MessageKey[] = [
    'rx.eye',
    ...columns.map((field) => EYE_FIELD_LABELS[field]),
    ...(pd ? (['rx.pd'] as const) : []),
  ];
  const prisms = rows.flatMap(([label, eye]) => {
    const text = prismText(eye);
    return text ? [`${t(label)} ${text}`] : [];
  });
  const near = pd?.near ?? null;
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
            {[...columns.map((field) => CELLS[field](eye)), ...pdCell].map((cell, index) => (
              <Text key={headers[index + 1]} className="rx-card__cell" role="cell">
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {prisms.length || near !== null || prescription.lensType || prescription.notes ? (
        <View className="rx-card__extra" data-testid="rx-extra">
          {prisms.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
          {near !== null ? <Text>{t('rx.nearPd', { pd: pdText(near) })}</Text> : null}
          {prescription.lensType ? (
            <Text>{t('rx.lensType', { type: t(`lensType.${prescription.lensType}`) })}</Text>
          ) : null}
          {prescription.notes ? <Text>{t('rx.notes', { notes: prescription.notes })}</Text> : null}
        </View>
      ) : null}
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
        {prescription.source === 'external' ? <Text>{t('source.external')}</Text> : null}
        <Text>{t('rx.expiresAt', { date: prescription.expiresAt })}</Text>
        {prescription.storeName ? <Text>{prescription.storeName}</Text> : null}
        {prescription.examinerName ? (
          <Text>{t('rx.examiner', { name: prescription.examinerName })}</Text>
        ) : null}
      </View>
    </View>
  );
}
