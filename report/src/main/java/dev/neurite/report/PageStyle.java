package dev.neurite.report;

/** The page's style sheet, inlined so that the report needs no other file than its images. */
final class PageStyle {

    static final String CSS = """
            :root {
              --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa;
              --accent: #0072b2; --best: #dcecf7; --warn: #8a4b00; --warn-bg: #fff4e0;
            }
            * { box-sizing: border-box; }
            body {
              margin: 0; background: #f0f2f5; color: var(--ink);
              font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
                    "DejaVu Sans", sans-serif;
            }
            main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 40px; }
            header { margin: 0 4px 18px; }
            .kicker { margin: 0; color: var(--accent); font-size: 12px; font-weight: 600;
                      letter-spacing: .08em; text-transform: uppercase; }
            h1 { margin: 2px 0 2px; font-size: 28px; line-height: 1.25; }
            .meta { margin: 0; color: var(--muted); font-size: 13px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px;
                      padding: 18px 22px 20px; margin: 0 0 16px; }
            h2 { margin: 0 0 12px; font-size: 18px; }
            p { margin: 0 0 8px; }
            .hint { color: var(--muted); font-size: 13px; margin-top: 8px; }
            pre.command { margin: 0; padding: 12px 14px; border-radius: 6px; background: #161b22; color: #e6edf3;
                          font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
                          white-space: pre-wrap; word-break: break-all; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(135px, 1fr)); gap: 12px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
            .card .label { color: var(--muted); font-size: 12px; letter-spacing: .04em; text-transform: uppercase; }
            .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .detail { color: var(--muted); font-size: 12px; }
            .callout { margin-top: 12px; padding: 8px 12px; border-radius: 6px; background: var(--warn-bg);
                       color: var(--warn); font-size: 14px; }
            .figures { display: flex; flex-wrap: wrap; gap: 20px; }
            figure { margin: 0; max-width: 100%; }
            img { display: block; max-width: 100%; height: auto; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
            th, td { padding: 6px 14px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
            thead th { color: var(--muted); font-size: 12.5px; font-weight: 600; border-bottom: 2px solid var(--line); }
            tbody tr:hover { background: var(--soft); }
            .num { text-align: right; }
            td.best { background: var(--best); font-weight: 700; }
            tr.total td { border-top: 2px solid var(--line); }
            tr.total + tr.total td { border-top: 0; }
            tr.total td:first-child { font-weight: 600; }
            td.bar { background-image: linear-gradient(to right, #6baed6 var(--w), #e6eef5 var(--w));
                     background-repeat: no-repeat; background-size: calc(100% - 28px) 3px;
                     background-position: right 14px bottom 5px; }
            details { margin-top: 14px; }
            details summary { cursor: pointer; color: var(--accent); font-size: 14px; }
            details .scroll { margin-top: 8px; }
            .note { white-space: pre-wrap; }
            footer { color: var(--muted); font-size: 12px; text-align: center; }
            """;

    private PageStyle() {
    }
}
