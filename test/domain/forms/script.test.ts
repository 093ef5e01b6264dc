import {
  FORM_SCRIPT,
  renderContactForm,
  renderRequestForm,
  renderThankYouPage,
} from '../../../lambdas/domain/forms/render';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { sterkDocument, sterkPolicy } from '../policy/sterk-fixture';
import { type FakeElement, runFormScript, runFramedPage } from './fake-dom';

const validationFailed = (fields: Record<string, string>) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message: 'Some fields need another look', fields } },
});

const describedBy = (element: FakeElement) => (element.getAttribute('aria-describedby') ?? '').split(' ');

describe('Script: FORM_SCRIPT', () => {
  it('posts the form urlencoded, asking for JSON, to the form action', async () => {
    // Prepare
    const run = runFormScript(
      renderRequestForm(sterkPolicy(), 'nb', { baseUrl: '..' }),
      FORM_SCRIPT,
      async () => ({
        status: 202,
      }),
    );
    run.dom.byId('f-type-erasure').checked = true;
    run.dom.byId('f-name').value = 'Kari Nordmann';
    run.dom.byId('f-email').value = 'kari@example.no';

    // Act
    const event = await run.form.dispatch('submit');

    // Assess
    expect(event.defaultPrevented).toBe(true);
    expect(run.requests).toHaveLength(1);
    const [request] = run.requests;
    expect(request?.url).toBe('https://api.example/v1/requests');
    expect(request?.init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    });
    expect(Object.fromEntries(new URLSearchParams(request?.init.body))).toEqual({
      type: 'erasure',
      controller: 'sterk-helse-og-trening',
      name: 'Kari Nordmann',
      email: 'kari@example.no',
      phone: '',
      birthDate: '',
      details: '',
      'onBehalfOf.name': '',
      'onBehalfOf.birthDate': '',
      lang: 'nb',
      website: '',
    });
  });

  it.each([
    ['contact', 'nb', '../forms/thank-you?form=contact&lang=nb'],
    ['request', 'en', '../forms/thank-you?form=request&lang=en'],
  ] as const)('on 202 from the %s form in %s goes to %s', async (form, lang, thankYou) => {
    // Prepare
    const render = form === 'contact' ? renderContactForm : renderRequestForm;
    const run = runFormScript(render(sterkPolicy(), lang, { baseUrl: '..' }), FORM_SCRIPT, async () => ({
      status: 202,
      body: { id: 'r-1' },
    }));

    // Act
    await run.submit();

    // Assess
    expect(run.navigations).toEqual([thankYou]);
  });

  it('goes on to the status page of a filed request, where the emailed code goes', async () => {
    // Prepare
    const statusUrl = 'https://api.example/v1/requests/r-1/status?token=abc';
    const run = runFormScript(
      renderRequestForm(sterkPolicy(), 'nb', { baseUrl: '..' }),
      FORM_SCRIPT,
      async () => ({
        status: 202,
        body: { id: 'r-1', statusUrl },
      }),
    );

    // Act
    await run.submit();

    // Assess
    expect(run.navigations).toEqual([statusUrl]);
  });

  it('ignores a status link that is not a web address', async () => {
    // Prepare
    const run = runFormScript(
      renderRequestForm(sterkPolicy(), 'en', { baseUrl: '..' }),
      FORM_SCRIPT,
      async () => ({
        status: 202,
        body: { id: 'r-1', statusUrl: 'javascript:alert(1)' },
      }),
    );

    // Act
    await run.submit();

    // Assess
    expect(run.navigations).toEqual(['../forms/thank-you?form=request&lang=en']);
  });

  it("goes to the chosen controller's own thank-you page when it has one", async () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[1].thankYouUrl = 'https://hasle.example/takk';
    const run = runFormScript(renderContactForm(document as PolicyDocument, 'nb'), FORM_SCRIPT, async () => ({
      status: 202,
    }));
    run.dom.byId('f-controller').selectedIndex = 1;

    // Act
    await run.submit();

    // Assess
    expect(run.navigations).toEqual(['https://hasle.example/takk']);
  });

  it('shows each field message next to its field, marks the fields invalid and focuses the first in form order', async () => {
    // Prepare
    const run = runFormScript(renderRequestForm(sterkPolicy(), 'en'), FORM_SCRIPT, async () =>
      validationFailed({
        'onBehalfOf.name': 'Enter your name',
        email: 'Enter a valid email address, such as ola@example.no',
        type: 'Choose what you are asking for',
      }),
    );

    // Act
    await run.submit();

    // Assess
    const { dom } = run;
    const email = dom.byId('f-email');
    expect(dom.byId('f-email-error')).toMatchObject({
      hidden: false,
      textContent: 'Enter a valid email address, such as ola@example.no',
    });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(email)).toEqual(['f-email-error', 'f-email-hint']);
    expect(dom.byId('f-onBehalfOf-name-error').textContent).toBe('Enter your name');
    expect(dom.byId('f-onBehalfOf-name').getAttribute('aria-invalid')).toBe('true');
    for (const radio of dom.byName('type')) {
      expect(radio.getAttribute('aria-invalid')).toBe('true');
      expect(describedBy(radio)[0]).toBe('f-type-error');
    }
    expect(dom.byId('f-name').getAttribute('aria-invalid')).toBeNull();
    expect(dom.byId('f-name-error').hidden).toBe(true);
    expect(dom.activeElement?.id).toBe('f-type-access');
    expect(run.navigations).toEqual([]);
  });

  it('lists the problems at the top in form order, each linking to its field', async () => {
    // Prepare
    const run = runFormScript(renderContactForm(sterkPolicy(), 'nb'), FORM_SCRIPT, async () =>
      validationFailed({ message: 'Write your message', name: 'Enter your name', '(body)': 'Odd body' }),
    );

    // Act
    await run.submit();

    // Assess
    const summary = run.dom.byId('form-errors');
    expect(summary.getAttribute('role')).toBe('alert');
    const [heading, list] = summary.children;
    expect(heading).toMatchObject({ tagName: 'h2', textContent: 'Se over dette før du sender' });
    expect(list?.children.map((item) => item.children[0]?.href ?? item.textContent)).toEqual([
      '#f-name',
      '#f-message',
      'Odd body',
    ]);
    expect(list?.children.map((item) => item.allText)).toEqual([
      'Enter your name',
      'Write your message',
      'Odd body',
    ]);
  });

  it('clears the previous errors before showing the next answer', async () => {
    // Prepare
    const answers = [validationFailed({ email: 'Enter your email address' }), { status: 202 }];
    const run = runFormScript(
      renderContactForm(sterkPolicy(), 'en'),
      FORM_SCRIPT,
      async (call) => answers[call - 1] ?? { status: 500 },
    );
    await run.submit();

    // Act
    await run.submit();

    // Assess
    const email = run.dom.byId('f-email');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(describedBy(email)).toEqual(['f-email-hint']);
    expect(run.dom.byId('f-email-error')).toMatchObject({ hidden: true, textContent: '' });
    expect(run.dom.byId('form-errors').children).toEqual([]);
    expect(run.navigations).toHaveLength(1);
  });

  it.each([
    [413, 'The form is too large to send.'],
    [415, 'Something went wrong on our side'],
    [422, 'Something went wrong on our side'],
    [429, 'We have received many forms from you in a short time.'],
    [500, 'Something went wrong on our side'],
    [503, 'Something went wrong on our side'],
    [400, 'Something went wrong on our side'],
  ])('on %s shows one general message at the top and focuses it', async (status, message) => {
    // Prepare
    const run = runFormScript(renderContactForm(sterkPolicy(), 'en'), FORM_SCRIPT, async () => ({
      status,
      body: { error: { code: 'some_code', message: 'Not for people' } },
    }));

    // Act
    await run.submit();

    // Assess
    const summary = run.dom.byId('form-errors');
    expect(summary.children).toHaveLength(1);
    expect(summary.children[0]?.textContent).toContain(message);
    expect(summary.children[0]?.textContent).toContain(
      'You can also write to us at kundeservice@sterkhelse.no.',
    );
    expect(run.dom.activeElement).toBe(summary);
    expect(run.dom.all.filter((element) => element.getAttribute('aria-invalid') !== null)).toEqual([]);
    expect(run.dom.byId('f-name').value).toBe('');
    expect(run.navigations).toEqual([]);
  });

  it('says the connection failed when fetch itself fails, and lets the person try again', async () => {
    // Prepare
    const run = runFormScript(renderRequestForm(sterkPolicy(), 'nb'), FORM_SCRIPT, async () => {
      throw new TypeError('Failed to fetch');
    });

    // Act
    await run.submit();

    // Assess
    expect(run.dom.byId('form-errors').children[0]?.textContent).toMatch(
      /^Vi fikk ikke kontakt med serveren/,
    );
    expect(run.form.querySelector('button[type="submit"]')?.disabled).toBe(false);
  });

  it('reuses the Idempotency-Key while the body is unchanged, and takes a new one when it changes', async () => {
    // Prepare
    const run = runFormScript(renderContactForm(sterkPolicy(), 'en'), FORM_SCRIPT, async () => ({
      status: 503,
    }));

    // Act
    await run.submit();
    await run.submit();
    run.dom.byId('f-message').value = 'Hello';
    await run.submit();

    // Assess
    const keys = run.requests.map((request) => request.init.headers['Idempotency-Key']);
    expect(keys).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('ignores a second submit while the first is still on its way', async () => {
    // Prepare
    let answer: (value: { status: number }) => void = () => undefined;
    const run = runFormScript(
      renderContactForm(sterkPolicy(), 'en'),
      FORM_SCRIPT,
      () => new Promise((resolve) => (answer = resolve)),
    );

    // Act
    const first = run.submit();
    await run.submit();
    answer({ status: 202 });
    await first;

    // Assess
    expect(run.requests).toHaveLength(1);
    expect(run.navigations).toHaveLength(1);
  });
});

describe('Script: FORM_SCRIPT, long texts', () => {
  it('counts the characters of a long text as they are typed, and says plainly when there are too many', async () => {
    // Prepare
    const run = runFormScript(renderContactForm(sterkPolicy(), 'nb'), FORM_SCRIPT, async () => ({
      status: 202,
    }));
    const message = run.dom.byId('f-message');
    const counter = run.dom.byId('f-message-count');
    const shownAtStart = { text: counter.textContent, hidden: counter.hidden };

    // Act
    message.value = 'x'.repeat(5003);
    await message.dispatch('input');

    // Assess
    expect(shownAtStart).toEqual({ text: '0 av 5000 tegn', hidden: false });
    expect(counter.textContent).toBe('5003 av 5000 tegn: 3 for mange, gjør teksten kortere');
    expect(counter.getAttribute('class')).toBe('counter over');
  });

  it('leaves checking to the server and our summary, not the browser’s bubbles', () => {
    // Prepare
    const run = runFormScript(renderRequestForm(sterkPolicy(), 'en'), FORM_SCRIPT, async () => ({
      status: 202,
    }));

    // Assess
    expect((run.form as unknown as { noValidate?: boolean }).noValidate).toBe(true);
  });
});

describe('Script: FORM_SCRIPT, framed by the website', () => {
  const WEBSITE = ['https://www.sterkhelse.no', 'https://sterkhelse.no'];
  const API_PAGE = 'https://api.example/v1/forms/request?lang=nb';
  const height = (message: number) => ({
    message: { type: 'personvern:height', height: message },
    targetOrigin: 'https://sterkhelse.no',
  });

  it('tells the parent its height, to the parent’s origin alone where the browser names it', () => {
    // Act
    const run = runFormScript(
      renderContactForm(sterkPolicy(), 'nb', { embedders: WEBSITE }),
      FORM_SCRIPT,
      async () => ({ status: 202 }),
      API_PAGE,
      { ancestorOrigins: ['https://sterkhelse.no'], height: 812.4 },
    );

    // Assess
    expect(run.posted).toEqual([height(813)]);
  });

  it('posts to each website origin in turn where the browser does not name the parent, never to *', () => {
    // Act
    const posted = runFramedPage(
      renderThankYouPage(sterkPolicy(), 'en', { form: 'contact', embedders: WEBSITE }),
      FORM_SCRIPT,
      { height: 400 },
    );

    // Assess
    expect(posted.map((post) => post.targetOrigin)).toEqual(WEBSITE);
    expect(posted.map((post) => post.message)).toEqual([
      { type: 'personvern:height', height: 400 },
      { type: 'personvern:height', height: 400 },
    ]);
  });

  it.each([
    [
      'framed by a page the website does not list',
      { ancestorOrigins: ['https://evil.example'], height: 500 },
      WEBSITE,
    ],
    ['not framed', undefined, WEBSITE],
    ['framed, on a deployment with no website origins', { height: 500 }, []],
  ])('tells no one anything when %s', (_, frame, embedders) => {
    // Act
    const posted = runFramedPage(
      renderThankYouPage(sterkPolicy(), 'nb', { form: 'request', embedders }),
      FORM_SCRIPT,
      frame,
    );

    // Assess
    expect(posted).toEqual([]);
  });

  it('ends a request sent in the frame on the thank-you page, not on the status page or ID-porten', async () => {
    // Prepare
    const run = runFormScript(
      renderRequestForm(sterkPolicy(), 'nb', { baseUrl: '..', embedders: WEBSITE, eidOffered: true }),
      FORM_SCRIPT,
      async () => ({
        status: 202,
        body: {
          statusUrl: 'https://api.example/v1/requests/r-1/status?token=t',
          eidUrl: 'https://api.example/v1/eid',
        },
      }),
      API_PAGE,
      { ancestorOrigins: ['https://www.sterkhelse.no'], height: 900 },
    );
    run.dom.byId('f-type-access').checked = true;

    // Act
    await run.submit();

    // Assess
    expect(run.navigations).toEqual(['../forms/thank-you?form=request&lang=nb']);
  });
});
