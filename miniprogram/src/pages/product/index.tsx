import { useMemo, useState } from 'react';
import { contactLensFor, contactLensSkuFor, formatDiopters, type ContactLensPower } from '@lensloop/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import { ChoiceChip } from '../../components/choice-chip';
import { PriceTag, priceText } from '../../components/price-tag';
import { openProduct } from '../../components/product-card';
import { ProductImage } from '../../components/product-image';
import { PageState } from '../../components/page-state';
import { usePageTitle } from '../../hooks/use-locale';
import { usePageData } from '../../hooks/use-page-data';
import { errorMessage, hasMessage, t } from '../../i18n';
import { getProduct } from '../../services/catalog';
import { addToCart } from '../../services/orders';
import { sendToLogin } from '../../services/login-redirect';
import { newestDistancePrescription } from '../../services/prescriptions';
import { useSession } from '../../stores/session';
import { LensConfigurator, type LensChoice } from './lens-configurator';
import { attributeGroups, choose, selectedSku, type Selection } from './sku-picker';
import './index.scss';

/** `−4.75` or `−4.75 −1.75×180`, as an optician writes a contact-lens power. */
function lensPowerText(lens: ContactLensPower): string {
  const sphere = formatDiopters(lens.sphere);
  return lens.cylinder === 0 ? sphere : `${sphere} ${formatDiopters(lens.cylinder)}×${lens.axis}`;
}

/**
 * Contact lenses: the power converted from the newest spectacle prescription (vertex distance,
 * power grid, toric or SE); null without one, or when nobody is logged in.
 */
async function proposedContactLens(): Promise<{ od: ContactLensPower; os: ContactLensPower } | null> {
  // Without a prescription the customer simply picks the power.
  const prescription = await newestDistancePrescription().catch(() => null);
  return prescription && { od: contactLensFor(prescription.od), os: contactLensFor(prescription.os) };
}

function attributeLabel(name: string): string {
  const key = `attribute.${name}`;
  return hasMessage(key) ? t(key) : name;
}

export default function ProductPage() {
  usePageTitle('title.product');
  const { params } = useRouter();
  const productId = Number(params.id);
  const page = usePageData(() => getProduct(productId), [productId]);
  const product = page.data;
  const [chosen, setSelection] = useState<Selection>({});
  const [lens, setLens] = useState<LensChoice | null>(null);
  const [adding, setAdding] = useState(false);
  const { token, member } = useSession();

  const wantsProposal = product?.category === 'contacts' && Boolean(token && member);
  const proposal = usePageData(
    () => (wantsProposal ? proposedContactLens() : Promise.resolve(null)),
    [wantsProposal],
  ).data;
  const proposedSku = product && proposal ? contactLensSkuFor(product.skus, proposal.od) : null;

  // A product with a single SKU needs no choice; for contact lenses the right eye's proposed power
  // is preselected until the customer picks.
  const selection =
    product?.skus.length === 1
      ? { ...product.skus[0].attributes }
      : Object.keys(chosen).length === 0 && proposedSku
        ? { ...proposedSku.attributes }
        : chosen;
  const groups = useMemo(() => attributeGroups(product?.skus ?? []), [product]);
  const sku = product ? selectedSku(product.skus, groups, selection) : null;

  async function add(): Promise<void> {
    if (!sku || adding) return;
    if (!token || !member) {
      sendToLogin();
      return;
    }
    setAdding(true);
    try {
      await addToCart({
        skuId: sku.id,
        quantity: 1,
        lens: lens ? { skuId: lens.skuId, options: lens.options } : undefined,
      });
      void Taro.showToast({ title: t('cart.added'), icon: 'success' });
    } catch (addError) {
      void Taro.showToast({ title: errorMessage(addError), icon: 'none' });
    } finally {
      setAdding(false);
    }
  }

  return (
    <PageState page={page}>
      {(product) => (
        <View className="product-page">
          <ProductImage className="product-page__image" src={product.imageUrl} alt={product.name} />
          <View className="product-page__summary">
            <View className="product-page__price" data-testid="product-price" aria-live="polite">
              {sku ? (
                <PriceTag amount={sku.price} category={product.category} size="large" testId="sku-price" />
              ) : (
                <PriceTag amount={product.priceFrom} category={product.category} size="large" from />
              )}
              {sku ? (
                sku.stock > 0 ? (
                  <Text className="product-page__stock" data-testid="sku-stock">
                    {t('product.stock', { stock: sku.stock })}
                  </Text>
                ) : (
                  <Tag type="danger" data-testid="sku-stock">
                    {t('product.outOfStock')}
                  </Tag>
                )
              ) : null}
            </View>
            <Text className="product-page__name" role="heading" aria-level={1}>
              {product.name}
            </Text>
            <Text className="product-page__brand">{t('product.brand', { brand: product.brand })}</Text>
          </View>

          <View className="product-page__section" data-testid="sku-picker">
            <Text className="product-page__section-title">
              {sku ? t('product.chooseSku') : t('product.selectAll')}
            </Text>
            {proposal ? (
              <Text className="product-page__proposal" data-testid="contact-lens-proposal">
                {t('contacts.proposal', { od: lensPowerText(proposal.od), os: lensPowerText(proposal.os) })}
              </Text>
            ) : null}
            {groups.map((group) => (
              <View
                key={group.name}
                className="sku-group"
                role="radiogroup"
                aria-label={attributeLabel(group.name)}
              >
                <Text className="sku-group__label">{attributeLabel(group.name)}</Text>
                <View className="sku-group__values">
                  {group.values.map((value) => {
                    const active = selection[group.name] === value || group.values.length === 1;
                    return (
                      <ChoiceChip
                        key={value}
                        label={value}
                        active={active}
                        testId={`sku-option-${group.name}`}
                        onClick={() => setSelection(choose(product.skus, selection, group.name, value))}
                      />
                    );
                  })}
                </View>
              </View>
            ))}
          </View>

          <View className="product-page__section">
            <Text className="product-page__section-title">{t('product.description')}</Text>
            <Text className="product-page__description">{product.description}</Text>
          </View>

          {product.category === 'frames' ? (
            <LensConfigurator lenses={product.lensOptions} onChange={setLens} />
          ) : null}
          {sku && lens ? (
            <View className="product-page__section">
              <Text data-testid="configured-price">
                {t('lens.total', { price: priceText(sku.price + lens.price, 'frames') })}
              </Text>
            </View>
          ) : null}

          <View className="bottom-bar">
            <Button
              type="default"
              role="button"
              aria-label={t('cart.open')}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/shopping/cart/index' })}
            >
              {t('cart.open')}
            </Button>
            <Button
              type="primary"
              disabled={!sku || sku.stock <= 0}
              loading={adding}
              role="button"
              aria-label={t('cart.add')}
              data-testid="add-to-cart"
              onClick={() => void add()}
            >
              {t('cart.add')}
            </Button>
          </View>

          {product.lensOptions.length > 0 ? (
            <View className="product-page__section" data-testid="lens-options">
              <Text className="product-page__section-title">{t('product.lensOptions')}</Text>
              <Cell.Group>
                {product.lensOptions.map((lens) => (
                  <Cell
                    key={lens.id}
                    title={lens.name}
                    description={lens.brand}
                    extra={<PriceTag amount={lens.priceFrom} category="lenses" from />}
                    role="link"
                    aria-label={lens.name}
                    onClick={() => openProduct(lens.id)}
                  />
                ))}
              </Cell.Group>
            </View>
          ) : null}
        </View>
      )}
    </PageState>
  );
}
