import { transfersOutsideEea } from '../../../lambdas/domain/export/transfers';
import type { PolicySystem } from '../../../lambdas/domain/policy/schema';
import { sterkPolicy } from '../policy/sterk-fixture';

const policy = sterkPolicy();
const CONTEXT = { organisation: 'STERK', privacyContactEmail: 'kundeservice@sterkhelse.no' };
const systems = (...ids: string[]): PolicySystem[] =>
  ids.map((id) => {
    const found = policy.systems.find((system) => system.id === id);
    if (found === undefined) throw new Error(`no system ${id}`);
    return found;
  });

describe('Function: transfersOutsideEea (Art. 15(1)(c), 15(2))', () => {
  it.each(['nb', 'en'] as const)(
    'lists the transfer of a system holding the person’s data, with its mechanism and safeguards (%s)',
    (lang) => {
      // Act
      const result = transfersOutsideEea(systems('pasientsky', 'mailchimp'), lang);

      // Assess
      expect(result.statedInPolicy).toBe(true);
      expect(result.statement).toContain(lang === 'nb' ? 'artikkel 15 nr. 2' : 'Article 15(2)');
      expect(result.transfers).toEqual([
        {
          systemId: 'mailchimp',
          systemName: 'Mailchimp',
          country: 'US',
          countryName: lang === 'nb' ? 'USA' : 'the United States',
          mechanism: lang === 'nb' ? 'beslutning om tilstrekkelig beskyttelsesnivå' : 'adequacy decision',
          description: systems('mailchimp')[0]?.transfers[0]?.description[lang],
          legalReference: {
            citation:
              lang === 'nb'
                ? 'personvernforordningen artikkel 45 og kommisjonens gjennomføringsbeslutning (EU) 2023/1795'
                : 'GDPR Article 45 and Commission Implementing Decision (EU) 2023/1795',
            url: 'https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj',
          },
          safeguards: {
            description: systems('mailchimp')[0]?.transfers[0]?.safeguardsCopy?.description[lang],
            url: 'https://www.dataprivacyframework.gov/list',
          },
        },
      ]);
    },
  );

  it('says nothing is transferred when none of the systems with data transfers anything', () => {
    // Act
    const result = transfersOutsideEea(systems('pasientsky', 'brp-systems', 'personvern'), 'en', CONTEXT);

    // Assess
    expect(result).toEqual({
      statedInPolicy: true,
      statement:
        'According to the privacy notice, none of the information we found about you is transferred to countries outside the EEA.',
      transfers: [],
      notStated: [],
    });
  });

  it.each(['nb', 'en'] as const)(
    'names a provider whose country the notice does not give, and does not say the data stays in the EEA (%s)',
    (lang) => {
      // Act
      const result = transfersOutsideEea(systems('pasientsky', 'melin-convene-medical'), lang, CONTEXT);

      // Assess
      expect(result.statedInPolicy).toBe(false);
      expect(result.transfers).toEqual([]);
      expect(result.notStated).toEqual([
        { systemId: 'melin-convene-medical', systemName: 'Melin Convene medical' },
      ]);
      expect(result.statement).toBe(
        lang === 'nb'
          ? 'Personvernerklæringen oppgir ingen overføring til land utenfor EØS for opplysningene vi fant om deg, men se under.'
          : 'The privacy notice states no transfer to countries outside the EEA for the information we found about you, but see below.',
      );
      expect(result.notStatedStatement).toContain('Melin Convene medical');
      expect(result.notStatedStatement).toContain('kundeservice@sterkhelse.no');
    },
  );

  it('counts our own systems (the organisation as vendor) as stated, though they have no vendor country', () => {
    // Act
    const result = transfersOutsideEea(systems('personvern'), 'en', CONTEXT);

    // Assess
    expect(result.notStated).toEqual([]);
    expect(result.statedInPolicy).toBe(true);
  });

  it('keeps the order of the systems given', () => {
    // Act
    const result = transfersOutsideEea(systems('mailchimp', 'google-analytics'), 'en');

    // Assess
    expect(result.transfers.map((transfer) => transfer.systemId)).toEqual(['mailchimp', 'google-analytics']);
  });
});
