"""Drawing charts (SVG with matplotlib) and writing their plain-language readings.

labels (ChartLabels) -> signals (which points the rules flag) -> draw (SVG bytes, with
marks, dates, palette, svgdoc) and reading (read_chart, status_label, with findings,
variation and words); language gives every word, date and number in the chart's
language; batch draws many charts in parallel and is the only module that touches files.
"""
