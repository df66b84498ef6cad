"""Putting a workbook's blocks together per base unit, checking that they agree.

Pure: works on the parser's dataclasses. The same unit, total or leavers
figure may appear in several blocks or sheets; equal figures merge, differing
ones are an error naming both places.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from staffing.parsed import Block, ParsedBaseUnit, ParsedUnit


class Merger:
    def __init__(self, blocks: list[Block], problem, warnings: list[str]):
        self.blocks = blocks
        self.problem = problem
        self.warnings = warnings

    def merge(self) -> list[ParsedBaseUnit]:
        found: dict[str, ParsedBaseUnit] = {}
        owner: dict[str, str] = {}
        for block in self.blocks:
            self._check_totals(block)
            base = found.setdefault(
                block.base_unit, ParsedBaseUnit(block.base_unit, block.administration)
            )
            base.administration = base.administration or block.administration
            for row in block.rows:
                if owner.setdefault(row.code, block.base_unit) != block.base_unit:
                    self.problem(
                        row.place,
                        _("enhet %(code)s står redan under basenheten %(base)s")
                        % {"code": row.code, "base": owner[row.code]},
                    )
                    continue
                unit = base.units.setdefault(row.code, ParsedUnit(row.code, block.base_unit))
                periods = unit.names.setdefault(row.name, [])
                for period, value in row.values.items():
                    self._merge_value(unit.values, unit.places, period, value, row.places[period])
                    periods.append(period)
            for period, value in block.totals.items():
                self._merge_value(
                    base.totals, base.total_places, period, value, block.total_places[period]
                )
            for figure in block.leavers:
                key = (figure.year, figure.description)
                earlier = base.leavers.setdefault(key, figure)
                if (earlier.total, earlier.nurses) != (figure.total, figure.nurses):
                    self.problem(
                        figure.place,
                        _("motsäger %(other)s för samma år") % {"other": earlier.place},
                    )
        return list(found.values())

    def _merge_value(self, values, places, period, value, where) -> None:
        if period in values and values[period] != value:
            self.problem(
                where,
                _("%(value)s för %(period)s motsäger %(other)s (%(earlier)s)")
                % {
                    "value": value,
                    "period": period.strftime("%Y-%m"),
                    "other": places[period],
                    "earlier": values[period],
                },
            )
        elif period not in values:
            values[period] = value
            places[period] = where

    def _check_totals(self, block: Block) -> None:
        for period, reported in sorted(block.totals.items()):
            summed = sum(r.values.get(period, 0) for r in block.rows)
            if summed != reported:
                self.warnings.append(
                    f"{block.total_places[period]}: "
                    + _(
                        "Totalsumma %(reported)s för %(period)s skiljer sig från summan av "
                        "raderna, %(summed)s (skillnad %(gap)s). En import sparar båda."
                    )
                    % {
                        "reported": reported,
                        "period": period.strftime("%Y-%m"),
                        "summed": summed,
                        "gap": f"{reported - summed:+d}".replace("-", "−"),
                    }
                )
