/**
 * @module The one canonical spelling of country names, for every dataset that names countries
 * (Epoch AI's `Country` columns, the Cambridge CBECI mining map, the 2024–2025 hash-rate-by-country
 * table, scenario regions), so countries from different publishers compare and join (docs/countries.md).
 * Each entry below lists the canonical label first (the spelling Epoch uses), then accepted variants:
 * Epoch mixes ISO 3166 short names ("Philippines (the)"), UNDP names ("Korea (Republic of)",
 * "Iran (Islamic Republic of)") and common names ("Russia", "Vietnam", "Taiwan"); CCAF writes
 * "Mainland China", "Russian Federation", "Iran, Islamic Rep.", "United States". Matching ignores
 * case, a trailing " (the)" and a leading "the ". "Multinational" (Epoch's label for multinational
 * organisations) is accepted as a pseudo-country. Any other value is an `unknown country`
 * DecodeError: a typo or a new spelling must be added here, visibly. `regionName` adds what the
 * hash-rate maps need on top: CCAF's trailing `*` marker and the aggregate "Other".
 */
import { DecodeError } from './errors.js';
import type { InputPosition } from './errors.js';

const COUNTRY_ENTRIES: readonly string[] = [
  'Afghanistan', 'Albania', 'Algeria', 'Andorra', 'Angola', 'Antigua and Barbuda', 'Argentina', 'Armenia', 'Australia', 'Austria',
  'Azerbaijan', 'Bahamas', 'Bahrain', 'Bangladesh', 'Barbados', 'Belarus', 'Belgium', 'Belize', 'Benin', 'Bhutan',
  'Bolivia (Plurinational State of)|Bolivia', 'Bosnia and Herzegovina', 'Botswana', 'Brazil', 'Brunei Darussalam|Brunei', 'Bulgaria',
  'Burkina Faso', 'Burundi', 'Cabo Verde|Cape Verde', 'Cambodia', 'Cameroon', 'Canada', 'Central African Republic', 'Chad', 'Chile',
  'China|Mainland China', 'Colombia', 'Comoros', 'Congo', 'Congo (Democratic Republic of the)|Democratic Republic of the Congo', 'Costa Rica',
  "Côte d'Ivoire|Cote d'Ivoire|Ivory Coast", 'Croatia', 'Cuba', 'Cyprus', 'Czechia|Czech Republic', 'Denmark', 'Djibouti', 'Dominica',
  'Dominican Republic', 'Ecuador', 'Egypt', 'El Salvador', 'Equatorial Guinea', 'Eritrea', 'Estonia', 'Eswatini|Swaziland', 'Ethiopia',
  'Fiji', 'Finland', 'France', 'Gabon', 'Gambia', 'Georgia', 'Germany', 'Ghana', 'Greece', 'Grenada', 'Guatemala', 'Guinea',
  'Guinea-Bissau', 'Guyana', 'Haiti', 'Honduras', 'Hong Kong|Hong Kong SAR', 'Hungary', 'Iceland', 'India', 'Indonesia',
  'Iran (Islamic Republic of)|Iran|Iran, Islamic Rep.', 'Iraq', 'Ireland', 'Israel', 'Italy', 'Jamaica', 'Japan', 'Jordan', 'Kazakhstan', 'Kenya',
  'Kiribati', "Korea (Democratic People's Republic of)|North Korea", 'Korea (Republic of)|South Korea|Republic of Korea', 'Kosovo',
  'Kuwait', 'Kyrgyzstan', "Lao People's Democratic Republic|Laos", 'Latvia', 'Lebanon', 'Lesotho', 'Liberia', 'Libya',
  'Liechtenstein', 'Lithuania', 'Luxembourg', 'Macao|Macau', 'Madagascar', 'Malawi', 'Malaysia', 'Maldives', 'Mali', 'Malta',
  'Marshall Islands', 'Mauritania', 'Mauritius', 'Mexico', 'Micronesia (Federated States of)|Micronesia', 'Moldova (Republic of)|Moldova',
  'Monaco', 'Mongolia', 'Montenegro', 'Morocco', 'Mozambique', 'Myanmar', 'Namibia', 'Nauru', 'Nepal', 'Netherlands', 'New Zealand',
  'Nicaragua', 'Niger', 'Nigeria', 'North Macedonia', 'Norway', 'Oman', 'Pakistan', 'Palau', 'Palestine (State of)|Palestine', 'Panama',
  'Papua New Guinea', 'Paraguay', 'Peru', 'Philippines', 'Poland', 'Portugal', 'Puerto Rico', 'Qatar', 'Romania',
  'Russia|Russian Federation', 'Rwanda', 'Saint Kitts and Nevis', 'Saint Lucia', 'Saint Vincent and the Grenadines', 'Samoa',
  'San Marino', 'Sao Tome and Principe', 'Saudi Arabia', 'Senegal', 'Serbia', 'Seychelles', 'Sierra Leone', 'Singapore', 'Slovakia',
  'Slovenia', 'Solomon Islands', 'Somalia', 'South Africa', 'South Sudan', 'Spain', 'Sri Lanka', 'Sudan', 'Suriname', 'Sweden',
  'Switzerland', 'Syrian Arab Republic|Syria', 'Taiwan|Taiwan (Province of China)', 'Tajikistan', 'Tanzania (United Republic of)|Tanzania',
  'Thailand', 'Timor-Leste', 'Togo', 'Tonga', 'Trinidad and Tobago', 'Tunisia', 'Türkiye|Turkey', 'Turkmenistan', 'Tuvalu', 'Uganda',
  'Ukraine', 'United Arab Emirates', 'United Kingdom of Great Britain and Northern Ireland|United Kingdom|UK',
  'United States of America|United States|USA', 'Uruguay', 'Uzbekistan', 'Vanuatu', 'Venezuela (Bolivarian Republic of)|Venezuela',
  'Vietnam|Viet Nam', 'Yemen', 'Zambia', 'Zimbabwe',
  'Multinational',
];

function normalise(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(the\)$/i, '')
    .replace(/^the\s+/i, '')
    .toLowerCase();
}

const CANONICAL = new Map<string, string>();
for (const entry of COUNTRY_ENTRIES) {
  const names = entry.split('|');
  for (const n of names) CANONICAL.set(normalise(n), names[0]!);
}

/** Canonical label of a country name, or undefined when it is not a known country. */
export function canonicalCountry(name: string): string | undefined {
  return CANONICAL.get(normalise(name));
}

/** Canonical label; an unknown name is a DecodeError at `pos`. */
export function parseCountry(pos: InputPosition, raw: string): string {
  const c = canonicalCountry(raw);
  if (c === undefined) throw new DecodeError(pos, `unknown country: ${JSON.stringify(raw.trim())} (not in src/domain/countries.ts)`);
  return c;
}

/** The aggregate of every country a source does not list by name (CBECI's "Other"). */
export const OTHER_COUNTRIES = 'Other';

/**
 * A region of a hash-rate map or scenario: a country (canonical label) or "Other", with CCAF's
 * trailing `*` (share probably inflated by VPN/proxy exits) split off as `starred`; null when the
 * name is not a known country.
 */
export function regionName(raw: string): { name: string; starred: boolean } | null {
  const starred = raw.trim().endsWith('*');
  const base = raw.replace(/\s*\*\s*$/, '').trim();
  if (base.toLowerCase() === OTHER_COUNTRIES.toLowerCase()) return { name: OTHER_COUNTRIES, starred };
  const name = canonicalCountry(base);
  return name === undefined ? null : { name, starred };
}
