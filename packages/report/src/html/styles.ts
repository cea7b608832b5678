/** Inline stylesheet of the report page (no external fonts or assets). */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d2430; --muted: #5b6576; --line: #dde2ea; --bg: #f6f7f9; --card: #fff; --accent: #3c6fd6; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
header { background: var(--card); border-bottom: 1px solid var(--line); padding: 20px 32px; }
header h1 { margin: 0 0 6px; font-size: 24px; }
header .meta { color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 6px 20px; }
header .meta b { color: var(--fg); font-weight: 600; }
main { max-width: 1440px; margin: 0 auto; padding: 20px 32px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 18px 0; }
section h2 { margin: 0 0 12px; font-size: 18px; }
table { border-collapse: collapse; min-width: 420px; max-width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.plots { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; flex: 0 1 auto; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; padding: 10px; background: #fff; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-weight: 600; margin-bottom: 6px; }
figcaption small { display: block; font-weight: normal; color: var(--muted); }
pre { background: #f0f2f6; border-radius: 6px; padding: 12px; overflow: auto; font: 13px/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; margin: 0; }
.notes p { margin: 0 0 8px; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 24px; }
`;
