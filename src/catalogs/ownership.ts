import type { Organisations } from '../organisations/organisations.js';
import type { CatalogOwnership } from './catalog-writer.js';
import type { PublisherRule } from './catalog-structure.js';

/** Catalog ownership from the organisation list: who owns an id, and which publisher IRIs are whose. */
export function organisationOwnership(organisations: Organisations): CatalogOwnership {
  const rules = new Map<string, PublisherRule>();
  const iris = organisations.all().map((org) => ({ org, iris: [organisations.publisherIri(org), organisations.documentIri(org)] }));
  return {
    organisationOf: (catalogId) => organisations.forCatalog(catalogId)?.id,
    publisherRule(id) {
      let rule = rules.get(id);
      if (!rule) {
        const own = organisations.get(id)!;
        const others = new Map<string, string>();
        for (const entry of iris) if (entry.org.id !== id) for (const iri of entry.iris) others.set(iri, entry.org.name);
        rule = { own: organisations.publisherIri(own), ownName: own.name, others };
        rules.set(id, rule);
      }
      return rule;
    },
  };
}
