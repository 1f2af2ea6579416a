// Starts YASGUI on the editor page. Everything it needs is on this server: the defaults that would reach other
// hosts (prefix.cc, the LOV term autocompleters, DBpedia and Wikidata in the endpoint list) are replaced first.
(() => {
  const Yasgui = window.Yasgui;
  const fallback = document.getElementById('query-fallback');
  const source = document.getElementById('query');
  const root = document.getElementById('yasgui');
  if (!Yasgui || !source || !root) return;

  // 'class' and 'property' ask lov.linkeddata.es; 'prefixes' uses the bundled list while prefixCcApi is null.
  Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables'];
  Yasgui.Yasqe.defaults.prefixCcApi = null;

  const endpoint = location.origin + location.pathname;
  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint, method: 'POST' },
    endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
    // The page's example is the query to show; tabs kept in localStorage from an earlier visit would hide it.
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    corsProxy: undefined,
    yasqe: { persistenceId: null, prefixCcApi: null, autocompleters: ['prefixes', 'variables'] },
    yasr: { persistenceId: null },
  });
  const tab = yasgui.getTab();
  tab.setQuery(source.value);

  // CodeMirror's own input has no name a screen reader could announce.
  const input = root.querySelector('.CodeMirror textarea');
  if (input) input.setAttribute('aria-label', root.dataset.queryLabel || 'SPARQL');
  const endpointInput = root.querySelector('input.autocomplete');
  if (endpointInput) endpointInput.setAttribute('aria-label', root.dataset.endpointLabel || 'SPARQL endpoint');
  // The result table's page-size select is created on every draw, without a name.
  const nameControls = () => {
    for (const select of root.querySelectorAll('select.tableSizer:not([aria-label])')) {
      select.setAttribute('aria-label', root.dataset.pageSizeLabel || 'Rows per page');
    }
  };
  new MutationObserver(nameControls).observe(root, { childList: true, subtree: true });
  fallback.hidden = true;
})();
