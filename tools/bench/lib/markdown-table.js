// Every benchmark prints its results as a markdown table, so they paste into docs/performance.md as they are.

/** Prints `rows` (objects) as a markdown table with the given column names; missing cells print as "-". */
function printMarkdownTable(columns, rows, print = console.log) {
  const cell = (value) => (value === undefined || value === null || value === '' ? '-' : String(value));
  print(`| ${columns.join(' | ')} |`);
  print(`|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) print(`| ${columns.map((column) => cell(row[column])).join(' | ')} |`);
}

module.exports = { printMarkdownTable };
