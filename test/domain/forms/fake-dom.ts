/**
 * Just enough DOM to run the forms' inline script in `node:vm` against a page the renderer produced:
 * elements come from the page's own tags, so the script and the markup must agree on ids, names and
 * data attributes for the tests to pass. No layout, no CSS, no events beyond the ones the script uses.
 */
import { runInNewContext } from 'node:vm';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
const FORM_CONTROLS = new Set(['input', 'select', 'textarea', 'button', 'fieldset']);

type Listener = (event: unknown) => unknown;

export class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  readonly listeners = new Map<string, Listener[]>();
  textContent = '';
  value = '';
  checked = false;
  disabled = false;
  href = '';
  /** For a select: its options, and which one is chosen. */
  options: FakeElement[] = [];
  selectedIndex = 0;

  constructor(
    readonly tagName: string,
    private readonly dom: FakeDom,
  ) {}

  get id(): string {
    return this.attributes.get('id') ?? '';
  }

  get name(): string {
    return this.attributes.get('name') ?? '';
  }

  get hidden(): boolean {
    return this.attributes.has('hidden');
  }

  set hidden(on: boolean) {
    if (on) this.attributes.set('hidden', '');
    else this.attributes.delete('hidden');
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** Runs the listeners and waits for async ones, so a test can await the whole submission. */
  async dispatch(type: string): Promise<{ defaultPrevented: boolean }> {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    await Promise.all((this.listeners.get(type) ?? []).map((listener) => listener(event)));
    return event;
  }

  focus(): void {
    this.dom.activeElement = this;
  }

  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }

  replaceChildren(...children: FakeElement[]): void {
    this.children.splice(0, this.children.length, ...children);
  }

  querySelector(selector: string): FakeElement | null {
    const match = /^(\w+)\[([\w-]+)(?:="([^"]*)")?\]$/.exec(selector);
    if (match === null) throw new Error(`The fake DOM does not understand ${selector}`);
    const [, tag, attribute = '', value] = match;
    return (
      this.dom.all.find(
        (element) =>
          element.tagName === tag &&
          element.attributes.has(attribute) &&
          (value === undefined || element.attributes.get(attribute) === value),
      ) ?? null
    );
  }

  /** The text a person would read: this element's text and its children's, in order. */
  get allText(): string {
    return [this.textContent, ...this.children.map((child) => child.allText)].filter(Boolean).join(' ');
  }
}

export class FakeDom {
  readonly all: FakeElement[] = [];
  activeElement: FakeElement | undefined;

  constructor(page: string) {
    let select: FakeElement | undefined;
    for (const match of page.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*>/g)) {
      const [, closing, tag = '', attributeText = ''] = match;
      if (closing === '/') {
        if (tag === 'select') select = undefined;
        continue;
      }
      const element = new FakeElement(tag, this);
      for (const [, name = '', value] of attributeText.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
        element.attributes.set(name, decode(value ?? ''));
      }
      if (tag === 'select') select = element;
      if (tag === 'option' && select !== undefined) {
        if (element.attributes.has('selected')) select.selectedIndex = select.options.length;
        select.options.push(element);
        element.value = element.attributes.get('value') ?? '';
      }
      if (tag === 'input') element.value = element.attributes.get('value') ?? '';
      this.all.push(element);
    }
  }

  byId(id: string): FakeElement {
    const element = this.all.find((candidate) => candidate.id === id);
    if (element === undefined) throw new Error(`No element with id ${id}`);
    return element;
  }

  byName(name: string): FakeElement[] {
    return this.all.filter((element) => element.name === name);
  }

  /** The form's controls in document order, with `namedItem` like HTMLFormControlsCollection. */
  formElements(): FakeElement[] & { namedItem(name: string): FakeElement | null } {
    const controls = this.all.filter((element) => FORM_CONTROLS.has(element.tagName));
    return Object.assign(controls, {
      namedItem: (name: string) => controls.find((element) => element.name === name) ?? null,
    });
  }

  /** What FormData would send: named, enabled controls; radios and checkboxes only when checked. */
  formEntries(): [string, string][] {
    return this.formElements().flatMap((element): [string, string][] => {
      if (element.name === '' || element.disabled || element.tagName === 'fieldset') return [];
      const type = element.attributes.get('type');
      if ((type === 'radio' || type === 'checkbox') && !element.checked) return [];
      if (element.tagName === 'select')
        return [[element.name, element.options[element.selectedIndex]?.value ?? '']];
      return element.tagName === 'button' ? [] : [[element.name, element.value]];
    });
  }
}

export interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly credentials: string;
}

export interface ScriptRun {
  readonly dom: FakeDom;
  readonly form: FakeElement;
  /** Every request the script made, in order. */
  readonly requests: { readonly url: string; readonly init: FetchInit }[];
  readonly navigations: string[];
  /** What the script told a parent page with postMessage, and to which target origin. */
  readonly posted: { readonly message: unknown; readonly targetOrigin: string }[];
  submit(): Promise<void>;
}

/**
 * A page shown in an iframe: the parent's origin as the browser reports it in `location.ancestorOrigins`
 * (Chromium, Safari; absent in Firefox) and the page's height. No ResizeObserver: the script reports at once.
 */
export interface FakeFrame {
  readonly ancestorOrigins?: readonly string[];
  readonly height: number;
}

/** The parts of `window` and `document` that framing touches; top-level (no frame) without `frame`. */
function framing(dom: FakeDom, frame: FakeFrame | undefined) {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = {
    postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }),
  };
  const window: Record<string, unknown> = { addEventListener: () => undefined };
  window.parent = frame === undefined ? window : parent;
  const location: Record<string, unknown> =
    frame?.ancestorOrigins === undefined ? {} : { ancestorOrigins: frame.ancestorOrigins };
  const document = {
    body: dom.all.find((element) => element.tagName === 'body') ?? null,
    documentElement: { getBoundingClientRect: () => ({ height: frame?.height ?? 0 }) },
  };
  return { posted, window, location, document };
}

/** Runs `script` in a page without a form (a thank-you page), framed as `frame` says; returns what it posted. */
export function runFramedPage(page: string, script: string, frame?: FakeFrame) {
  const dom = new FakeDom(page);
  const fake = framing(dom, frame);
  const document = { ...fake.document, querySelector: () => null, getElementById: () => null };
  runInNewContext(script, { window: { ...fake.window, location: fake.location }, document });
  return fake.posted;
}

/** Loads the page's markup, runs `script` in it with a fetch that answers `respond(call)`. */
export function runFormScript(
  page: string,
  script: string,
  respond: (call: number) => Promise<{ status: number; body?: unknown }>,
  pageUrl = 'https://api.example/v1/forms/request?lang=nb',
  frame?: FakeFrame,
): ScriptRun {
  const dom = new FakeDom(page);
  const fake = framing(dom, frame);
  const form = dom.all.find((element) => element.tagName === 'form');
  if (form === undefined) throw new Error('The page has no form');
  const elements = dom.formElements();
  Object.defineProperty(form, 'elements', { value: elements });
  Object.defineProperty(form, 'action', { value: new URL(form.getAttribute('action') ?? '', pageUrl).href });
  const navigations: string[] = [];
  const requests: { url: string; init: FetchInit }[] = [];
  const fetch = async (url: string, init: FetchInit) => {
    requests.push({ url, init });
    const answer = await respond(requests.length);
    return {
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      json: async () => answer.body,
    };
  };
  let uuid = 0;
  const window = Object.assign(fake.window, {
    crypto: { randomUUID: () => `key-${++uuid}` },
    location: { ...fake.location, assign: (url: string) => navigations.push(url) },
  });
  class FormData {
    readonly entries: [string, string][];
    constructor(target: FakeElement) {
      if (target !== form) throw new Error('FormData of something other than the form');
      this.entries = dom.formEntries();
    }
    [Symbol.iterator]() {
      return this.entries[Symbol.iterator]();
    }
  }
  const document = {
    ...fake.document,
    querySelector: (selector: string) => form.querySelector(selector),
    getElementById: (id: string) => dom.all.find((element) => element.id === id) ?? null,
    createElement: (tag: string) => new FakeElement(tag, dom),
  };
  runInNewContext(script, { window, document, fetch, FormData, URLSearchParams });
  return {
    dom,
    form,
    requests,
    navigations,
    posted: fake.posted,
    submit: async () => void (await form.dispatch('submit')),
  };
}
