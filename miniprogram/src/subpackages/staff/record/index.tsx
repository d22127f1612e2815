import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import {
  ApiError,
  PRESCRIPTION_SOURCES,
  shanghaiDate,
  type ContactLensType,
  type PrescriptionKind,
  type PrescriptionSource,
} from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { ChoiceChip } from '../../../components/choice-chip';
import { EYE_FIELD_LABELS } from '../../../components/prescription-card';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t, type MessageKey } from '../../../i18n';
import { recordPrescription } from '../../../services/prescriptions';
import '../desk.scss';
import './index.scss';
import {
  addDetails,
  emptyForm,
  EYES,
  eyeTextFieldsFor,
  fieldHint,
  FORM_KINDS,
  LENS_TYPES,
  PD_FIELDS,
  readForm,
  type EyeField,
  type FormText,
} from './prescription-form';
import { PageRoot } from '../../../components/page-root';

const FIELD_LABELS: Record<EyeField, MessageKey> = {
  ...EYE_FIELD_LABELS,
  prismHorizontal: 'rx.prismHorizontal',
  prismVertical: 'rx.prismVertical',
};

const PD_LABELS: Record<(typeof PD_FIELDS)[number], MessageKey> = {
  'pd.binocular': 'record.pd',
  'pd.od': 'record.pdOd',
  'pd.os': 'record.pdOs',
  'pd.near': 'record.pdNear',
};

// Examples of the expected notation; digits need no translation.
const PLACEHOLDERS: Record<string, string> = {
  sphere: '0.00',
  cylinder: '0.00',
  axis: '1–180',
  add: '+0.00',
  baseCurve: '8.6',
  diameter: '14.2',
  fittingHeight: '18.0',
  va: '1.0',
  axialLength: '24.00',
  prismHorizontal: '1.00 BI',
  prismVertical: '0.50 BU',
  binocular: '63.0',
  od: '31.5',
  os: '31.5',
  near: '60.0',
  examDate: 'YYYY-MM-DD',
};

function TextField({
  name,
  label,
  value,
  error,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  error: MessageKey | undefined;
  onChange: (value: string) => void;
}) {
  const placeholder = PLACEHOLDERS[name.split('.').pop() ?? name] ?? '';
  return (
    <View className={`record__field ${error ? 'record__field--error' : ''}`} data-testid={`field-${name}`}>
      <LabelledInput
        className="record__input"
        label={label}
        invalid={Boolean(error)}
        value={value}
        placeholder={placeholder}
        onChange={onChange}
      />
      {error ? (
        <Text className="record__error" role="alert" data-testid={`error-${name}`}>
          {t(error)}
        </Text>
      ) : null}
    </View>
  );
}

export default function StaffRecordPage() {
  usePageTitle('title.staffRecord');
  const params = useRouter().params;
  const memberId = Number(params.memberId);
  const profileId = Number(params.profileId);
  const birthDate = params.birthDate || null;
  const today = shanghaiDate(new Date());
  const [kind, setKind] = useState<PrescriptionKind>('distance');
  const [lensType, setLensType] = useState<ContactLensType>('soft');
  const [source, setSource] = useState<PrescriptionSource>('in_store');
  const [text, setText] = useState<FormText>(() => emptyForm(today));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Map<string, MessageKey>>(new Map());
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const { input, errors } = useMemo(
    () => readForm(text, { kind, lensType, today, birthDate }),
    [text, kind, lensType, today, birthDate],
  );
  const errorFor = (field: string): MessageKey | undefined =>
    touched.has(field) ? (errors.get(field) ?? serverErrors.get(field)) : undefined;

  // Rules about the PD as a whole (monocular difference, progressive) show under all PD boxes.
  const pdError = PD_FIELDS.some((field) => touched.has(field))
    ? (errors.get('pd') ?? serverErrors.get('pd'))
    : undefined;

  function change(field: keyof FormText, value: string): void {
    setText((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setServerErrors(new Map());
    setSubmitError(null);
  }

  async function submit(): Promise<void> {
    setTouched(new Set(Object.keys(text)));
    if (errors.size > 0) {
      setSubmitError(t('record.fixErrors'));
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      await recordPrescription(memberId, { ...input, profileId, source });
      void Taro.showToast({ title: t('record.saved'), icon: 'success' });
      void Taro.navigateBack();
    } catch (saveError) {
      if (saveError instanceof ApiError && saveError.details.length) {
        const fromServer = new Map<string, MessageKey>();
        addDetails(fromServer, saveError.details);
        setServerErrors(fromServer);
      }
      setSubmitError(errorMessage(saveError));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PageRoot className="desk record">
      <Text className="section-title">
        {t('record.for', { name: decodeURIComponent(params.name ?? '') })}
      </Text>
      <View className="desk__card">
        <Text className="desk__meta">{t('record.kind')}</Text>
        <View className="record__kinds" role="radiogroup" aria-label={t('record.kind')}>
          {FORM_KINDS.map((option) => (
            <ChoiceChip
              key={option}
              label={t(`kind.${option}`)}
              active={option === kind}
              onClick={() => setKind(option)}
            />
          ))}
        </View>
        {kind === 'contact_lens' ? (
          <>
            <Text className="desk__meta">{t('record.lensType')}</Text>
            <View className="record__kinds" role="radiogroup" aria-label={t('record.lensType')}>
              {LENS_TYPES.map((option) => (
                <ChoiceChip
                  key={option}
                  label={t(`lensType.${option}`)}
                  active={option === lensType}
                  onClick={() => setLensType(option)}
                />
              ))}
            </View>
          </>
        ) : null}
        <Text className="desk__meta">{t('record.source')}</Text>
        <View className="record__kinds" role="radiogroup" aria-label={t('record.source')}>
          {PRESCRIPTION_SOURCES.map((option) => (
            <ChoiceChip
              key={option}
              label={t(`source.${option}`)}
              active={option === source}
              onClick={() => setSource(option)}
            />
          ))}
        </View>
        <Text className="desk__meta">{t('record.examDate')}</Text>
        <TextField
          name="examDate"
          label={t('record.examDate')}
          value={text.examDate}
          error={errorFor('examDate')}
          onChange={(value) => change('examDate', value)}
        />
      </View>
      <View className="desk__card record__grid">
        {EYES.map((eye) => (
          <View key={eye} className="record__eye">
            <Text className="desk__name">{t(`rx.${eye}`)}</Text>
            <View className="record__eye-fields">
              {eyeTextFieldsFor(kind).map((field) => (
                <View key={field} className="record__column">
                  <Text className="desk__meta">{t(FIELD_LABELS[field])}</Text>
                  <Text className="record__hint">{fieldHint(field, lensType)}</Text>
                  <TextField
                    name={`${eye}.${field}`}
                    label={`${t(`rx.${eye}`)} ${t(FIELD_LABELS[field])}`}
                    value={text[`${eye}.${field}`]}
                    error={errorFor(`${eye}.${field}`)}
                    onChange={(value) => change(`${eye}.${field}`, value)}
                  />
                </View>
              ))}
            </View>
          </View>
        ))}
        {kind === 'contact_lens' ? null : (
          <View className="record__eye-fields" data-testid="pd-fields">
            {PD_FIELDS.map((field) => (
              <View key={field} className="record__column">
                <Text className="desk__meta">{t(PD_LABELS[field])}</Text>
                <Text className="record__hint">{fieldHint(field, lensType)}</Text>
                <TextField
                  name={field}
                  label={t(PD_LABELS[field])}
                  value={text[field]}
                  error={errorFor(field)}
                  onChange={(value) => change(field, value)}
                />
              </View>
            ))}
          </View>
        )}
        {kind !== 'contact_lens' && pdError ? (
          <Text className="record__error" role="alert" data-testid="error-pd">
            {t(pdError)}
          </Text>
        ) : null}
        <Text className="desk__meta">{t('record.notes')}</Text>
        <TextField
          name="notes"
          label={t('record.notes')}
          value={text.notes}
          error={errorFor('notes')}
          onChange={(value) => change('notes', value)}
        />
      </View>
      {submitError ? (
        <Text className="desk__error record__submit-error" role="alert">
          {submitError}
        </Text>
      ) : null}
      <View className="record__submit">
        <Button
          block
          type="primary"
          loading={submitting}
          role="button"
          aria-label={t('record.submit')}
          onClick={() => void submit()}
        >
          {t('record.submit')}
        </Button>
      </View>
    </PageRoot>
  );
}
