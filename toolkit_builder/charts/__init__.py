"""Charts: analysed series become SVG drawings, readings, data tables and files.

Owns: labels (ChartLabels) -> signals (which points the rules flag) -> frame (where a
chart's parts go, its lines and legend) -> draw (SVG bytes: straight to matplotlib's SVG
renderer with direct and pen, or on a figure with marks, dates, ticks, canvas, palette
and svgdoc; both through svgcanvas's renderer and svgwriter) and reading (read_chart,
status_label, with findings, variation and words), across (a service's latest
variation and assurance); language (every word, date and number in the chart's
language); batch (many charts drawn in parallel; the only module here that touches
files, for its cache); stage (a whole site's ChartViews), rows (data tables), csvout
(spreadsheet-safe CSV), files (chart files per language) and command (`toolkit-builder
chart`). May import: analysis, content, language, errors.
"""
