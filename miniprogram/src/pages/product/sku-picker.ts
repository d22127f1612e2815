import type { Sku } from '@lensloop/shared';

export interface AttributeGroup {
  name: string;
  values: string[];
}

/** Attribute names in first-seen order, each with its distinct values. */
export function attributeGroups(skus: Sku[]): AttributeGroup[] {
  const groups = new Map<string, string[]>();
  for (const sku of skus) {
    for (const [name, value] of Object.entries(sku.attributes)) {
      const values = groups.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      groups.set(name, values);
    }
  }
  return [...groups.entries()].map(([name, values]) => ({ name, values }));
}

export type Selection = Record<string, string>;

function matches(sku: Sku, selection: Selection): boolean {
  return Object.entries(selection).every(([name, value]) => sku.attributes[name] === value);
}

/** Whether choosing `value` for `name` still leaves a SKU, given the other choices. */
export function isSelectable(skus: Sku[], selection: Selection, name: string, value: string): boolean {
  return skus.some((sku) => matches(sku, { ...selection, [name]: value }));
}

/** The SKU fixed by the selection, once every attribute that varies is chosen. */
export function selectedSku(skus: Sku[], groups: AttributeGroup[], selection: Selection): Sku | null {
  const complete = groups.every((group) => group.values.length === 1 || selection[group.name] !== undefined);
  if (!complete) return null;
  return skus.find((sku) => matches(sku, selection)) ?? null;
}

/** Selects `value`, dropping other choices that no longer combine into a SKU. */
export function choose(skus: Sku[], selection: Selection, name: string, value: string): Selection {
  const next: Selection = { [name]: value };
  for (const [otherName, otherValue] of Object.entries(selection)) {
    if (otherName !== name && isSelectable(skus, next, otherName, otherValue)) next[otherName] = otherValue;
  }
  return next;
}
