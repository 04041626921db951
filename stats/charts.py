"""Server-rendered SVG charts: horizontal bars (plain, stacked or grouped), a map of points and a
line chart. Each SVG names itself with <title> and <desc>; the numbers are also in a table.

Coordinates are in a fixed view box; CSS scales the picture to the width available, so the
charts are drawn narrow enough to stay legible on a phone.
"""

import math
import textwrap

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH = 400
FONT = 13
LINE = 16
BAR = 16
GAP = 10
LABEL_CHARS = 52
VALUE_SPACE = 56
SERIES_LIMIT = 5

# Denmark lies between these longitudes and latitudes (Bornholm and Skagen included).
WEST, EAST, SOUTH, NORTH = 8.0, 15.3, 54.5, 57.8
MAP_LATITUDE = 56.0


def _number(value):
    return f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else value


def _tag(template, **values):
    """``format_html`` with coordinates rounded to one decimal."""
    return format_html(template, **{key: _number(value) for key, value in values.items()})


def _join(parts):
    """Already-escaped SVG pieces as one safe string."""
    return format_html_join("", "{}", ((part,) for part in parts))


def render(chart):
    if chart.kind == "map":
        return map_svg(chart)
    return bar_svg(chart)


def nice_ceiling(value):
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _svg(chart_id, title, description, width, height, body):
    return _tag(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'id="{id}-svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{body}</svg>",
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=body,
    )


def _description(chart):
    """The chart's explanation plus its first rows in words, for people who cannot see it."""
    parts = []
    for row in chart.rows[:SERIES_LIMIT]:
        if len(chart.columns) == 1:
            parts.append(f"{row.label}: {number_format(row.values[0])}")
        else:
            numbers = ", ".join(
                f"{name}: {number_format(value)}"
                for name, value in zip(chart.columns, row.values, strict=True)
            )
            parts.append(f"{row.label} ({numbers})")
    summary = "; ".join(parts)
    if len(chart.rows) > SERIES_LIMIT:
        summary += "; …"
    extra = _("The numbers are in the table with the chart.")
    return f"{chart.description} {summary}. {extra}" if summary else f"{chart.description} {extra}"


def _legend(columns, y):
    """Swatches and names of the series, wrapped over as many lines as they need."""
    items, x = [], 0
    for index, name in enumerate(columns):
        width = 18 + len(name) * 7
        if x and x + width > WIDTH:
            x, y = 0, y + LINE + 4
        items.append(
            _tag(
                '<rect class="chart-s{i}" x="{x}" y="{y}" width="12" height="12"></rect>'
                '<text x="{tx}" y="{ty}">{name}</text>',
                i=index,
                x=x,
                y=y,
                tx=x + 16,
                ty=y + 11,
                name=name,
            )
        )
        x += width + 12
    return _join(items), y + LINE + 8


def bar_svg(chart):
    """One row per label: a bar per series (``grouped``), segments of one bar (``stacked``) or
    a single bar, each with its number at the end."""
    series = len(chart.columns)
    parts, y = [], 0
    if series > 1:
        legend, y = _legend(chart.columns, 0)
        parts.append(legend)
    if chart.kind == "stacked":
        largest = max((row.total for row in chart.rows), default=0)
    else:
        largest = max((max(row.values) for row in chart.rows if row.values), default=0)
    scale = (WIDTH - VALUE_SPACE) / nice_ceiling(largest)
    for row in chart.rows:
        lines = textwrap.wrap(row.label, LABEL_CHARS) or [row.label]
        parts.append(
            _tag(
                '<text class="chart-label" x="0" y="{y}">{spans}</text>',
                y=y + FONT,
                spans=format_html_join(
                    "",
                    '<tspan x="0" dy="{}">{}</tspan>',
                    ((0 if i == 0 else LINE, line) for i, line in enumerate(lines)),
                ),
            )
        )
        y += LINE * len(lines) + 2
        if chart.kind == "stacked":
            parts.append(_stacked_bar(chart, row, y, scale))
            y += BAR
        else:
            for index, value in enumerate(row.values):
                parts.append(_bar(chart, row, index, value, 0, y, scale, label=True))
                y += BAR + (2 if index < series - 1 else 0)
        y += GAP
    height = max(y, LINE)
    return _svg(chart.slug, chart.title, _description(chart), WIDTH, height, _join(parts))


def _bar(chart, row, index, value, x, y, scale, label):
    width = value * scale
    name = chart.columns[index]
    bar = _tag(
        '<rect class="chart-s{i}" x="{x}" y="{y}" width="{w}" height="{h}" '
        'data-series="{name}" data-value="{value}"><title>{label}, {name}: {shown}</title></rect>',
        i=index,
        x=x,
        y=y,
        w=width,
        h=BAR,
        name=name,
        value=value,
        label=row.label,
        shown=number_format(value),
    )
    if not label:
        return bar
    return bar + _tag(
        '<text class="chart-value" x="{x}" y="{y}">{shown}</text>',
        x=x + width + 4,
        y=y + BAR - 3,
        shown=number_format(value),
    )


def _stacked_bar(chart, row, y, scale):
    parts, x = [], 0.0
    for index, value in enumerate(row.values):
        if value:
            parts.append(_bar(chart, row, index, value, x, y, scale, label=False))
            x += value * scale
    parts.append(
        _tag(
            '<text class="chart-value" x="{x}" y="{y}" data-total="{total}">{shown}</text>',
            x=x + 4,
            y=y + BAR - 3,
            total=row.total,
            shown=number_format(row.total),
        )
    )
    return _join(parts)


def project(latitude, longitude):
    """Equirectangular projection around 56° N: a degree of longitude is cos(56°) as wide as a
    degree of latitude, as on the ground. Returns (x, y) in the map's view box."""
    factor = math.cos(math.radians(MAP_LATITUDE))
    scale = (WIDTH - 20) / ((EAST - WEST) * factor)
    return 10 + (longitude - WEST) * factor * scale, 10 + (NORTH - latitude) * scale


def _map_height():
    return math.ceil(project(SOUTH, WEST)[1] + 10)


def _radius(value, largest):
    return 2.5 + 5.5 * math.sqrt(value / largest) if largest and value else 2.5


def map_svg(chart):
    """The municipalities at their map points, sized by the count and coloured by region, with a
    legend of the regions and of the dot sizes below the map."""
    largest = max((row.total for row in chart.rows), default=0)
    dots = []
    for row in sorted(chart.rows, key=lambda r: -r.total):  # small dots drawn on top
        x, y = project(row.extra["latitude"], row.extra["longitude"])
        dots.append(
            _tag(
                '<circle class="chart-s{region}{empty}" cx="{x}" cy="{y}" r="{r}" '
                'data-code="{code}" data-value="{value}"><title>{label} ({region_name}): '
                "{shown}</title></circle>",
                region=row.extra["region_index"],
                empty=" chart-empty" if not row.total else "",
                x=x,
                y=y,
                r=_radius(row.total, largest),
                code=row.code,
                value=row.total,
                label=row.label,
                region_name=row.extra["region"],
                shown=number_format(row.total),
            )
        )
    y = _map_height() + 4
    regions = sorted({(r.extra["region_index"], r.extra["region"]) for r in chart.rows})
    legend = []
    for index, name in regions:
        legend.append(
            _tag(
                '<circle class="chart-s{i}" cx="6" cy="{cy}" r="5"></circle>'
                '<text x="16" y="{ty}">{name}</text>',
                i=index,
                cy=y + 6,
                ty=y + 11,
                name=name,
            )
        )
        y += LINE + 2
    y += 6
    sizes = sorted({largest, max(largest // 4, 1)}) if largest else []
    x = 0
    legend.append(
        _tag('<text x="0" y="{y}">{text}</text>', y=y + 11, text=_("Dot size: social enterprises"))
    )
    y += LINE + 4
    for value in sizes:
        radius = _radius(value, largest)
        legend.append(
            _tag(
                '<circle class="chart-key" cx="{cx}" cy="{cy}" r="{r}"></circle>'
                '<text x="{tx}" y="{ty}">{shown}</text>',
                cx=x + radius,
                cy=y + 12,
                r=radius,
                tx=x + 2 * radius + 4,
                ty=y + 16,
                shown=number_format(value),
            )
        )
        x += 2 * radius + 48
    y += 32
    body = _join([*dots, *legend])
    return _svg(chart.slug, chart.title, _map_description(chart), WIDTH, y, body)


def _map_description(chart):
    top = sorted(chart.rows, key=lambda r: (-r.total, r.label))[:SERIES_LIMIT]
    most = ", ".join(f"{row.label}: {number_format(row.total)}" for row in top)
    return _("%(description)s Most: %(most)s. The numbers are in the table with the chart.") % {
        "description": chart.description,
        "most": most,
    }


def line_svg(chart_id, title, description, labels, series):
    """A line per series over the ``labels`` (e.g. weeks); ``series`` is [(name, [values])].

    Lines differ in colour, dash pattern and marker, so they can be told apart without colour.
    """
    width, height, left, right, bottom, top = 600, 260, 36, 28, 40, 10
    legend_height = LINE + 8
    plot_height = height - bottom - top - legend_height
    largest = nice_ceiling(max((max(values, default=0) for _n, values in series), default=0))
    step = (width - left - right) / max(len(labels) - 1, 1)
    y0 = top + legend_height + plot_height

    def point(i, value):
        return left + i * step, y0 - value / largest * plot_height

    parts = []
    legend, _y = _legend([name for name, _v in series], top)
    parts.append(legend)
    for tick in (0, largest // 2 if largest >= 2 else None, largest):
        if tick is None:
            continue
        ty = y0 - tick / largest * plot_height
        parts.append(
            _tag(
                '<line class="chart-grid" x1="{l}" x2="{r}" y1="{y}" y2="{y}"></line>'
                '<text class="chart-axis" x="{tx}" y="{ty}" text-anchor="end">{t}</text>',
                l=left,
                r=width - right,
                y=ty,
                tx=left - 4,
                ty=ty + 4,
                t=number_format(tick),
            )
        )
    every = max(1, math.ceil(len(labels) / 7))
    for i, label in enumerate(labels):
        if (len(labels) - 1 - i) % every == 0:  # the latest week always has its label
            parts.append(
                _tag(
                    '<text class="chart-axis" x="{x}" y="{y}" text-anchor="middle">{t}</text>',
                    x=left + i * step,
                    y=y0 + 18,
                    t=label,
                )
            )
    for index, (name, values) in enumerate(series):
        points = " ".join("{:.1f},{:.1f}".format(*point(i, v)) for i, v in enumerate(values))
        parts.append(
            _tag(
                '<polyline class="chart-line chart-line{i}" points="{p}" data-series="{n}" '
                'data-values="{v}"></polyline>',
                i=index,
                p=points,
                n=name,
                v=",".join(str(v) for v in values),
            )
        )
        for i, value in enumerate(values):
            x, y = point(i, value)
            parts.append(
                _tag(
                    '<circle class="chart-marker{idx}" cx="{x}" cy="{y}" r="3">'
                    "<title>{label}, {name}: {v}</title></circle>",
                    idx=index,
                    x=x,
                    y=y,
                    label=labels[i],
                    name=name,
                    v=number_format(value),
                )
            )
    return _svg(chart_id, title, description, width, height, _join(parts))
