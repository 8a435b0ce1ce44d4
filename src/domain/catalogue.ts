// The products' default roles and permission catalogues, read once from data/catalogue.json.
import { readFileSync } from 'node:fs';
import { PRODUCTS, type ProductCode } from '../../flows/ports.ts';
import type { Catalogue, CatalogueProduct, DefaultRole, PermissionGroup } from './schema.ts';

const CATALOGUE_FILE = new URL('../../data/catalogue.json', import.meta.url);

function loadCatalogue(): Map<ProductCode, CatalogueProduct> {
  const data = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as Catalogue;
  const byProduct = new Map(data.products.map((product) => [product.id, product]));
  for (const code of PRODUCTS) {
    const product = byProduct.get(code);
    if (!product) throw new Error(`${CATALOGUE_FILE.pathname}: product ${code} is missing`);
    const known = new Set(product.permissionGroups.flatMap((group) => group.permissions));
    for (const role of product.roles) {
      if (!role.id.startsWith(`${code}.`)) throw new Error(`${CATALOGUE_FILE.pathname}: role ${role.id} is not named after ${code}`);
      const unknown = role.permissions.filter((permission) => !known.has(permission));
      if (unknown.length > 0) throw new Error(`${CATALOGUE_FILE.pathname}: role ${role.id} has unknown permissions ${unknown.join(', ')}`);
    }
  }
  return deepFreeze(byProduct);
}

// Callers get the catalogue's own arrays: freezing keeps one of them from changing it for all.
function deepFreeze<T>(value: T): T {
  if (value instanceof Map) value.forEach((item) => deepFreeze(item));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => deepFreeze(item));
  return Object.freeze(value);
}

const products = loadCatalogue();
const roles = new Map<string, DefaultRole & { product: ProductCode }>(
  [...products.values()].flatMap((product) => product.roles.map((role) => [role.id, { ...role, product: product.id }] as const)),
);

function productOf(product: ProductCode): CatalogueProduct | undefined {
  return products.get(product);
}

export const catalogue = {
  /** Permission groups in the order *Show role* shows them; empty for products without a catalogue. */
  permissionGroups(product: ProductCode): PermissionGroup[] {
    return productOf(product)?.permissionGroups ?? [];
  },
  /** Every permission code of the product, in catalogue order. */
  permissions(product: ProductCode): string[] {
    return this.permissionGroups(product).flatMap((group) => group.permissions);
  },
  defaultRoles(product: ProductCode): DefaultRole[] {
    return productOf(product)?.roles ?? [];
  },
  defaultRole(id: string): (DefaultRole & { product: ProductCode }) | undefined {
    return roles.get(id);
  },
};
