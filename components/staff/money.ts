const SYMBOLS: Record<string, string> = { GBP: '£', USD: '$', EUR: '€', CAD: 'CA$', SGD: 'S$', CHF: 'CHF ' };

/** Minor units to a price: 1250000 GBP → "£12,500.00". No Intl, so server and client agree. */
export function formatMoney(cents: number, currency = 'GBP'): string {
  const abs = Math.abs(cents);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = String(abs % 100).padStart(2, '0');
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${cents < 0 ? '-' : ''}${symbol}${major}.${minor}`;
}
