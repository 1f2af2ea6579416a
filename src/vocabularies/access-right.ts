/**
 * Generated from the EU Publications Office authority table "access-right" (access-right-skos_20220316-0.rdf, ../shared/reference/vocabularies):
 * code → [Swedish, English] preferred labels, or [label] when both are the same. Deprecated codes are left out.
 */
export const ACCESS_RIGHTS: Record<string, readonly string[]> = {
  CONFIDENTIAL: ["konfidentiellt","confidential"],
  NON_PUBLIC: ["icke-offentligt","non-public"],
  OP_DATPRO: ["Tillfälliga uppgifter","Provisional data"],
  PUBLIC: ["offentligt","public"],
  RESTRICTED: ["begränsad åtkomst","restricted"],
  SENSITIVE: ["känsligt","sensitive"],
};
