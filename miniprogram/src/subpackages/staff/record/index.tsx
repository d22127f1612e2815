import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError, eyeFieldsFor, shanghaiDate, type PrescriptionKind } from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { ChoiceChip } from '../../../components/choice-chip';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t, type MessageKey } from '../../../i18n';
import { recordPrescription } from '../../../services/prescriptions';
import '../desk.scss';
import './index.scss';
import {
  addDetails,
  emptyForm,
  EYES,
  FORM_KINDS,
  readForm,
  type EyeField,
  type FormText,
} from './prescription-form';

const FIELD_LABELS: Record<EyeField, MessageKey> = {
  sphere: 'rx.sphere',
  cylinder: 'rx.cylinder',
  axis: 'rx.axis',
  add: 'rx.add',
  baseCurve: 'rx.baseCurve',
  diameter: 'rx.diameter',
};

// Examples of the expected notation; digits need no translation.
const PLACEHOLDERS: Record<string, string> = {
  sphere: '0.00',
  cylinder: '0.00',
  axis: '1–180',
  add: '+0.00',
  baseCurve: '8.6',
  diameter: '14.2',
  pd: '63.0',
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
  const placeholder = PLACEHOLDERS[name.split('.').pop() ?? name];
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
  const today = shanghaiDate(new Date());
  const [kind, setKind] = useState<PrescriptionKind>('distance');
  const [text, setText] = useState<FormText>(() => emptyForm(today));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Map<string, MessageKey>>(new Map());
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const { input, errors } = useMemo(() => readForm(text, kind, today), [text, kind, today]);
  const errorFor = (field: string): MessageKey | undefined =>
    touched.has(field) ? (errors.get(field) ?? serverErrors.get(field)) : undefined;

  function change(field: keyof FormText, value: string): void {
    setText((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setServerErrors(new Map());
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
      await recordPrescription(memberId, { ...input, profileId });
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
    <View className="desk record">
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
              {eyeFieldsFor(kind).map((field) => (
                <View key={field} className="record__column">
                  <Text className="desk__meta">{t(FIELD_LABELS[field])}</Text>
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
        <Text className="desk__meta">{t('record.pd')}</Text>
        <TextField
          name="pd"
          label={t('record.pd')}
          value={text.pd}
          error={errorFor('pd')}
          onChange={(value) => change('pd', value)}
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
    </View>
  );
}
