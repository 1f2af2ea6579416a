/**
 * Generated from the EU Publications Office authority table "data-theme" (data-theme-skos_20220715-0.rdf, ../shared/reference/vocabularies):
 * code → [Swedish, English] preferred labels, or [label] when both are the same. Deprecated codes are left out.
 */
export const THEMES: Record<string, readonly string[]> = {
  AGRI: ["Jordbruk, fiske, skogsbruk och livsmedel","Agriculture, fisheries, forestry and food"],
  ECON: ["Ekonomi och finans","Economy and finance"],
  EDUC: ["Utbildning, kultur och sport","Education, culture and sport"],
  ENER: ["Energi","Energy"],
  ENVI: ["Miljö","Environment"],
  GOVE: ["Regeringen och den offentliga sektorn","Government and public sector"],
  HEAL: ["Hälsa","Health"],
  INTR: ["Internationella frågor","International issues"],
  JUST: ["Rättvisa, rättsliga system och allmän säkerhet","Justice, legal system and public safety"],
  OP_DATPRO: ["Tillfälliga uppgifter","Provisional data"],
  REGI: ["Regioner och städer","Regions and cities"],
  SOCI: ["Befolkning och samhälle","Population and society"],
  TECH: ["Vetenskap och teknik","Science and technology"],
  TRAN: ["Transport"],
};
