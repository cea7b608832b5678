// Every benchmark prints its results as a markdown table, so they paste into docs/performance.md as they are.

const cell = (value) => (value === undefined || value === null || value === '' ? '-' : String(value));

/** The header and separator lines of a table with these columns. */
function markdownHeader(columns) {
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
}

/** One row (an object keyed by column name); missing cells print as "-". */
function markdownRow(columns, row) {
  return `| ${columns.map((column) => cell(row[column])).join(' | ')} |`;
}

/** Prints `rows` as a markdown table with the given columns. */
function printMarkdownTable(columns, rows, print = console.log) {
  for (const line of markdownHeader(columns)) print(line);
  for (const row of rows) print(markdownRow(columns, row));
}

module.exports = { printMarkdownTable, markdownHeader, markdownRow };
