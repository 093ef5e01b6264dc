/**
 * A tiny element builder: text goes in as text nodes, never as HTML, so nothing the API returns can
 * become markup. No inline styles (the CSP forbids them): classes and the `hidden` attribute only.
 */

type Child = Node | string | number | false | null | undefined | readonly Child[];
type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** A definition list from label/value pairs; pairs with an empty value are left out. */
export function facts(pairs: readonly (readonly [string, Child])[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs
      .filter(([, value]) => value !== undefined && value !== '' && value !== null)
      .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

/** A table with a caption and a header row. */
export function table(caption: string, headers: readonly string[], rows: readonly Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((header) => h('th', { scope: 'col' }, header)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((cell) => h('td', {}, cell)),
          ),
        ),
      ),
    ),
  );
}

/** Several children as one node (for `replaceChildren`). */
export function fragment(...children: Child[]): DocumentFragment {
  const result = document.createDocumentFragment();
  append(result, children);
  return result;
}
