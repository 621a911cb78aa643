"""The HTML report's style sheet (``report/html.py``), inline in the page so that it opens
offline: no external sheet, font or image. Narrows to one column on a phone."""

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bad: #cf222e; --ok: #1a7f37;
  --run: #0969da; --pause: #bf8700; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px; color: var(--ink);
  font: 15px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 1.4em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 28px 0 8px;
  border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
a { color: var(--run); text-decoration: none; } a:hover { text-decoration: underline; }
.muted, .inputs { color: var(--muted); font-size: .9em; }
.inputs code { word-break: break-all; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
  background: var(--bg); }
.card .big { font-size: 1.6em; font-weight: 600; }
.card .big small { font-size: .55em; color: var(--muted); font-weight: 400; }
.flag { display: inline-block; background: #ffebe9; color: var(--bad); border-radius: 10px;
  padding: 0 8px; margin: 2px 4px 2px 0; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num.note { white-space: normal; min-width: 7.5em; }
.wf { margin: 6px 0 12px; }
.wf .row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) 5em;
  grid-template-areas: "label track val"; gap: 2px 10px; align-items: center; padding: 1px 0; }
.wf .label { grid-area: label; } .wf .track { grid-area: track; } .wf .val { grid-area: val; }
.wf .label { font-size: .92em; overflow-wrap: anywhere; }
.wf .label .ev { color: var(--muted); font-size: .88em; }
.wf .track { position: relative; height: 16px; background: var(--bg); border-radius: 3px; }
.wf .bar { position: absolute; top: 0; bottom: 0; border-radius: 3px; }
.bar.total { background: #8c959f; } .bar.down { background: var(--bad); }
.bar.up { background: var(--ok); }
.wf .val { text-align: right; font-variant-numeric: tabular-nums; }
.wf .sum { font-weight: 600; }
.ticket { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.ticket.breached { border-left: 4px solid var(--bad); }
.tl { position: relative; height: 14px; background: var(--bg); border-radius: 3px; margin: 4px 0; }
.tl span { position: absolute; top: 0; bottom: 0; }
.tl .run { background: var(--run); opacity: .75; }
.tl .pause {
  background: repeating-linear-gradient(45deg, var(--pause) 0 3px, transparent 3px 6px); }
.tl .late { background: var(--bad); top: 9px; }
.tl .due { width: 2px; background: var(--ink); top: -3px; bottom: -3px; }
.metric { margin: 6px 0 10px; }
.metric .facts { font-size: .88em; color: var(--muted); }
.st-breached { color: var(--bad); font-weight: 600; } .st-met { color: var(--ok); }
.st-running { color: var(--run); }
.legend span { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px; }
details > summary { cursor: pointer; }
:target { background: #fff8c5; }
@media (max-width: 600px) {
  body { padding: 10px; font-size: 14px; }
  .wf .row { grid-template-columns: minmax(0, 1fr) 4.5em;
    grid-template-areas: "label val" "track track"; border-bottom: 1px solid var(--bg); }
  table.wide th.opt, table.wide td.opt { display: none; }
}
"""
