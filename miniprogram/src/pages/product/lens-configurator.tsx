import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  type LensOption,
  type LensOptionKind,
  type ProductDetail,
  type ProductSummary,
} from '@lensloop/shared';
import { ChoiceChip } from '../../components/choice-chip';
import { priceText } from '../../components/price-tag';
import { t } from '../../i18n';
import { getProduct } from '../../services/catalog';
import { listLensOptions } from '../../services/orders';

export interface LensChoice {
  skuId: number;
  options: string[];
  /** Lens pair plus options, in fen. */
  price: number;
}

/** A photochromic lens darkens by itself: it takes no tint, and a tint drops it. */
const EXCLUSIVE: Partial<Record<LensOptionKind, LensOptionKind>> = {
  photochromic: 'tint',
  tint: 'photochromic',
};

/** Picks the option, replacing any other of its kind (one per kind) or of a kind it excludes. */
export function toggleOption(chosen: LensOption[], option: LensOption): LensOption[] {
  if (chosen.some((candidate) => candidate.code === option.code)) {
    return chosen.filter((candidate) => candidate.code !== option.code);
  }
  const kept = chosen.filter(
    (candidate) => candidate.kind !== option.kind && candidate.kind !== EXCLUSIVE[option.kind],
  );
  return [...kept, option];
}

/** The lens configurator on a frame's page: lens line, index, then priced options. */
export function LensConfigurator({
  lenses,
  onChange,
}: {
  lenses: ProductSummary[];
  onChange: (choice: LensChoice | null) => void;
}) {
  const [lensProductId, setLensProductId] = useState<number | null>(null);
  const [lens, setLens] = useState<ProductDetail | null>(null);
  const [skuId, setSkuId] = useState<number | null>(null);
  const [options, setOptions] = useState<LensOption[]>([]);
  const [chosen, setChosen] = useState<LensOption[]>([]);

  useEffect(() => {
    void listLensOptions().then(setOptions, () => setOptions([]));
  }, []);

  // The lens line picked last: an answer for an earlier pick is dropped.
  const picked = useRef<number | null>(null);
  function pickLens(id: number | null): void {
    picked.current = id;
    setLensProductId(id);
    setLens(null);
    setSkuId(null);
    if (id === null) return;
    void getProduct(id).then((detail) => {
      if (picked.current !== id) return;
      setLens(detail);
      setSkuId(detail.skus[0]?.id ?? null);
    });
  }

  const sku = lens?.skus.find((candidate) => candidate.id === skuId) ?? null;
  useEffect(() => {
    onChange(
      sku
        ? {
            skuId: sku.id,
            options: chosen.map((option) => option.code),
            price: sku.price + chosen.reduce((sum, option) => sum + option.price, 0),
          }
        : null,
    );
  }, [sku, chosen, onChange]);

  return (
    <View className="product-page__section" data-testid="lens-configurator">
      <Text className="product-page__section-title">{t('lens.title')}</Text>
      <View className="sku-group" role="radiogroup" aria-label={t('lens.product')}>
        <View className="sku-group__values">
          <ChoiceChip
            label={t('lens.none')}
            role="radio"
            active={lensProductId === null}
            onClick={() => pickLens(null)}
          />
          {lenses.map((candidate) => (
            <ChoiceChip
              key={candidate.id}
              label={candidate.name}
              role="radio"
              active={lensProductId === candidate.id}
              onClick={() => pickLens(candidate.id)}
            />
          ))}
        </View>
      </View>
      {lens ? (
        <View className="sku-group" role="radiogroup" aria-label={t('attribute.index')}>
          <Text className="sku-group__label">{t('attribute.index')}</Text>
          <View className="sku-group__values">
            {lens.skus.map((candidate) => (
              <ChoiceChip
                key={candidate.id}
                label={`${t('lens.index', { index: candidate.attributes.index ?? '' })} ${priceText(candidate.price, 'lenses')}`}
                role="radio"
                active={candidate.id === skuId}
                onClick={() => setSkuId(candidate.id)}
              />
            ))}
          </View>
        </View>
      ) : null}
      {sku ? (
        <View className="sku-group" role="group" aria-label={t('lens.options')}>
          <Text className="sku-group__label">{t('lens.options')}</Text>
          <View className="sku-group__values">
            {options.map((option) => (
              <ChoiceChip
                key={option.code}
                label={`${t(`lensKind.${option.kind}`)}·${option.name} +${priceText(option.price, 'lenses')}`}
                role="checkbox"
                active={chosen.some((candidate) => candidate.code === option.code)}
                onClick={() => setChosen(toggleOption(chosen, option))}
              />
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
