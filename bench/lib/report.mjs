/** Plain-text output: section headers, aligned tables, target verdicts. Everything goes to stdout. */

export function heading(title) {
  console.log(`\n== ${title} ${'='.repeat(Math.max(3, 96 - title.length))}`);
}

export function note(text) {
  console.log(`   ${text}`);
}

export function skipped(what, why) {
  console.log(`   skipped${what ? ` (${what})` : ''}: ${why}`);
}

/** Left-aligns the first column, right-aligns the others unless `align` says otherwise ('l'/'r'). */
export function table(headers, rows, align) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => (cell === undefined || cell === null ? '-' : String(cell))));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const sides = headers.map((_, column) => align?.[column] ?? (column === 0 ? 'l' : 'r'));
  const format = (row) =>
    '   ' +
    row
      .map((cell, column) => (sides[column] === 'l' ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  console.log(format(cells[0]));
  console.log('   ' + widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of cells.slice(1)) console.log(format(row));
}

/** `PASS`/`MISS` line for a target, with the measured figure. Returns the verdict for the summary. */
export function verdict(name, ok, measured) {
  const word = ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS';
  console.log(`   [${word}] ${name}: ${measured}`);
  return { name, ok, measured };
}

export const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '-');
export const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const rss = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : 'n/a');
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '-');
export const rate = (bytes, ms) => (Number.isFinite(ms) && ms > 0 ? `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)}` : '-');
