/**
 * Building blocks of the forms. Every control gets a `<label for>`, its hint and an (empty, hidden)
 * error slot `f-<name>-error` that the script fills; ids derive from the field name, so the script
 * finds the slot for a server message by the message's field path alone.
 */
import { Html, html, join } from '../policy/html';
import type { Controller } from '../policy/schema';

type AttributeValue = string | number | boolean | undefined;

/** `onBehalfOf.name` → `f-onBehalfOf-name`. The script derives the same ids. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Attribute names come from this file only; values are escaped. `true` renders a bare attribute. */
export function attributes(values: Record<string, AttributeValue>): Html {
  return join(
    Object.entries(values).map(([name, value]) => {
      if (value === undefined || value === false) return '';
      return value === true ? html` ${new Html(name)}` : html` ${new Html(name)}="${String(value)}"`;
    }),
  );
}

export function errorSlot(name: string): Html {
  return html`<p class="field-error" id="${fieldId(name)}-error" hidden></p>\n`;
}

function hint(id: string, text: string | undefined): Html | '' {
  return text === undefined ? '' : html`<p class="hint" id="${id}">${text}</p>\n`;
}

function label(id: string, text: string, optional: string | undefined): Html {
  return html`<label for="${id}">${text}${optional === undefined ? '' : ` ${optional}`}</label>\n`;
}

export interface InputSpec {
  readonly name: string;
  readonly type: 'text' | 'email' | 'tel' | 'date';
  readonly label: string;
  readonly hint?: string;
  /** The "(optional)" marker for the label of a field that may be left empty. */
  readonly optional?: string;
  readonly autocomplete: string;
  readonly required?: boolean;
  readonly maxlength?: number;
}

export function inputField(spec: InputSpec): Html {
  const id = fieldId(spec.name);
  const hintId = spec.hint === undefined ? undefined : `${id}-hint`;
  return html`<div class="field">
${label(id, spec.label, spec.optional)}${hint(`${id}-hint`, spec.hint)}${errorSlot(spec.name)}<input${attributes(
    {
      type: spec.type,
      id,
      name: spec.name,
      autocomplete: spec.autocomplete,
      required: spec.required,
      maxlength: spec.maxlength,
      spellcheck: spec.type === 'email' ? 'false' : undefined,
      'aria-describedby': hintId,
    },
  )}>
</div>
`;
}

export interface TextAreaSpec {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
  readonly maxlength: number;
}

/**
 * No `maxlength` on the element: a browser cuts pasted text there without a word. The limit travels as
 * `data-maxlength` for the script's counter (the `-count` slot, shown only with the script), and the server
 * refuses a longer text with a message saying so.
 */
export function textAreaField(spec: TextAreaSpec): Html {
  const id = fieldId(spec.name);
  const hintId = spec.hint === undefined ? undefined : `${id}-hint`;
  return html`<div class="field">
${label(id, spec.label, undefined)}${hint(`${id}-hint`, spec.hint)}${errorSlot(spec.name)}<textarea${attributes(
    {
      id,
      name: spec.name,
      rows: 8,
      autocomplete: 'off',
      required: spec.required,
      'data-maxlength': spec.maxlength,
      'aria-describedby': [hintId, `${id}-count`].filter(Boolean).join(' '),
    },
  )}></textarea>
<p class="counter" id="${id}-count" hidden></p>
</div>
`;
}

/** The company picker: every controller of the policy, the main one preselected. */
export function controllerField(
  controllers: readonly Controller[],
  mainId: string,
  text: { readonly label: string; readonly hint: string },
): Html {
  const id = fieldId('controller');
  return html`<div class="field">
${label(id, text.label, undefined)}${hint(`${id}-hint`, text.hint)}${errorSlot('controller')}<select${attributes(
    {
      id,
      name: 'controller',
      autocomplete: 'off',
      'aria-describedby': `${id}-hint`,
    },
  )}>
${controllers.map(
  (controller) =>
    html`<option${attributes({
      value: controller.id,
      selected: controller.id === mainId,
      // Only https: the bundled document is trusted without a second parse, like the notice's links.
      'data-thank-you':
        controller.thankYouUrl !== undefined && /^https:\/\//.test(controller.thankYouUrl)
          ? controller.thankYouUrl
          : undefined,
    })}>${controller.legalName}</option>\n`,
)}</select>
</div>
`;
}

export interface ChoiceSpec {
  readonly type: 'radio' | 'checkbox';
  readonly name: string;
  readonly value: string;
  /** Distinguishes radios of one group; defaults to the field id. */
  readonly id?: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  /** Chosen when the page loads: the default of a radio group. */
  readonly checked?: boolean;
}

export function choice(spec: ChoiceSpec): Html {
  const id = spec.id ?? fieldId(spec.name);
  const hintId = spec.hint === undefined ? undefined : `${id}-hint`;
  return html`<div class="choice">
<input${attributes({
    type: spec.type,
    id,
    name: spec.name,
    value: spec.value,
    checked: spec.checked,
    required: spec.required,
    'aria-describedby': hintId,
  })}>
<label for="${id}">${spec.label}</label>
${hint(`${id}-hint`, spec.hint)}</div>
`;
}

export function hiddenField(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}">\n`;
}

/**
 * The honeypot. People never see it (off-screen, out of the tab order, hidden from assistive tech);
 * bots that fill every field do, and the server then answers as usual and keeps nothing. Its label is
 * for anyone reading the page without CSS.
 */
export function honeypot(labelText: string): Html {
  const id = fieldId('website');
  return html`<div class="hp" aria-hidden="true">
<label for="${id}">${labelText}</label>
<input type="text" id="${id}" name="website" value="" tabindex="-1" autocomplete="off">
</div>
`;
}
