"""The HTML report's stylesheet, inlined into the page (an offline lab fetches nothing)."""

STYLE = """
:root { --ink: #1d2733; --muted: #5b6773; --line: #d9dee3; --bar: #3b7dd8; --warn: #e39b2d; --bad: #d2483c;
        --help: #fff3d6; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
body { color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.4; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; } h2 { border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
header p, .note { color: var(--muted); font-size: .9rem; }
nav { margin: .5rem 0 1rem; font-size: .95rem; } nav a { color: var(--bar); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; } td.num { text-align: right; }
tr.help td { background: var(--help); } ul.help li { margin: .2rem 0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f3f5f7; padding: 0 .25rem;
       border-radius: 3px; }
ul.forms { margin: .2rem 0 0 1rem; padding: 0; font-size: .85rem; color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .7rem; margin: .5rem 0; }
summary { cursor: pointer; }
svg.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
svg .label, svg .value { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg .bar { fill: var(--bar); } svg .warn { fill: var(--warn); } svg .bad { fill: var(--bad); }
@media print { details { break-inside: avoid; } nav { display: none; } th { position: static; } }
"""
