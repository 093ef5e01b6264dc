/**
 * The name the requester's browser saves an export under: the organisation's name as a file-name word,
 * so that a person with exports from several places can tell them apart ("sterk-access-….zip",
 * "tannlege-fjordsmil-as-….zip"). Computed from the policy at synth time for the functions that do not
 * carry the policy document.
 */

const NORWEGIAN_LETTERS: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a' };

/** "Tannlege Fjordsmil AS" → "tannlege-fjordsmil-as"; letters outside a–z and 0–9 become hyphens. */
export function fileNamePrefix(organisationName: string): string {
  const words = organisationName
    .toLowerCase()
    .replace(/[æøå]/g, (letter) => NORWEGIAN_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words === '' ? 'export' : words.slice(0, 40).replace(/-+$/, '');
}

/** `<prefix>[-<type>]-<request id>.zip`. */
export function exportFileName(prefix: string, requestId: string, requestType?: string): string {
  return `${[prefix, requestType, requestId].filter(Boolean).join('-')}.zip`;
}
