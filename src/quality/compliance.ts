import type { CatalogRecord } from '../catalogs/catalog-record.js';
import { findProfile } from '../validation/profiles.js';

/** The profile whose shapes are DCAT-AP's (shapes/dcat-ap-3); national profiles stack on it. */
export const DCAT_AP_PROFILE = 'dcat-ap-3';

/**
 * The MQA's "DCAT-AP compliance" for a catalog's datasets. The gate stores a catalog only when it has no violation
 * against its profile, so a stored catalog conforms to that profile: it is DCAT-AP compliant when DCAT-AP is in the
 * profile's stack. (A graph written past the gate, through /store or SPARQL Update by the admin, keeps the record of
 * its last gated write: that is the validation state this reads.)
 */
export function isDcatApCompliant(record: Pick<CatalogRecord, 'profile'>): boolean {
  return findProfile(record.profile)?.layers.includes(DCAT_AP_PROFILE) ?? false;
}
