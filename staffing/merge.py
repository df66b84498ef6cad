"""Putting a workbook's blocks together per base unit, checking that they agree.

Pure: works on the parser's dataclasses. The same unit, total or leavers
figure may appear in several blocks or sheets; equal figures merge, differing
ones are an error naming both places.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from staffing.parsed import Block, ParsedBaseUnit, ParsedUnit, UnitRow


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
                self._merge_row(unit, row)
            for period, value in block.totals.items():
                if period not in base.totals:
                    base.totals[period] = value
                    base.total_places[period] = block.total_places[period]
                elif base.totals[period] != value:
                    other = base.total_places[period]
                    self._conflict(block.total_places[period], period, value, other, base.totals)
            for figure in block.leavers:
                key = (figure.year, figure.description)
                earlier = base.leavers.setdefault(key, figure)
                if (earlier.total, earlier.nurses) != (figure.total, figure.nurses):
                    self.problem(
                        figure.place,
                        _("motsäger %(other)s för samma år") % {"other": earlier.place},
                    )
        return list(found.values())

    def _merge_row(self, unit: ParsedUnit, row: UnitRow) -> None:
        periods = unit.names.setdefault(row.name, [])
        periods.extend(row.values)
        if not unit.values:  # the unit's first row (nearly always): nothing to disagree with
            unit.values.update(row.values)
            unit.sources.update(dict.fromkeys(row.values, row))
            return
        for period, value in row.values.items():
            if period not in unit.values:
                unit.values[period] = value
                unit.sources[period] = row
            elif unit.values[period] != value:
                other = unit.sources[period].place_of(period)
                self._conflict(row.place_of(period), period, value, other, unit.values)

    def _conflict(self, where: str, period, value: int, other: str, values: dict) -> None:
        self.problem(
            where,
            _("%(value)s för %(period)s motsäger %(other)s (%(earlier)s)")
            % {
                "value": value,
                "period": period.strftime("%Y-%m"),
                "other": other,
                "earlier": values[period],
            },
        )

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
