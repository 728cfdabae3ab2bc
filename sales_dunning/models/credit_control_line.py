from odoo import api, fields, models


class CreditControlLine(models.Model):
    _inherit = "credit.control.line"

    @api.model
    def create_or_update_from_mv_lines(
        self,
        lines,
        level,
        controlling_date,
        company,
        check_tolerance=True,
        default_lines_vals=None,
    ):
        """The engine's lines of one level, with the lines they replace read in one search.

        The engine looks, for each move line it reminds of, for the lines of the same level
        left in draft or to send (they become ignored): one search per invoice, most of a
        run's queries. The same lines are made here, from the engine's own
        ``_prepare_from_move_line`` and tolerance, and the same lines are ignored, found by
        one search for the whole level. The engine's method is not called (``super()``
        would search once per line again): an addon overriding it must override this one."""
        tolerances = self._sales_dunning_tolerances(company, controlling_date)
        company_currency = company.currency_id
        values = []
        reminded_ids = []
        for move_line in lines:
            if move_line.currency_id and move_line.currency_id != company_currency:
                open_amount = move_line.amount_residual_currency
            else:
                open_amount = move_line.amount_residual
            tolerance = tolerances.get(move_line.currency_id.id, company.credit_control_tolerance)
            if check_tolerance and open_amount < tolerance:
                continue
            values.append(
                self._prepare_from_move_line(move_line, level, controlling_date, open_amount, default_lines_vals or {})
            )
            reminded_ids.append(move_line.id)
        replaced = self.browse()
        if reminded_ids:
            replaced = self.search(
                [
                    ("move_line_id", "in", reminded_ids),
                    ("policy_level_id", "=", level.id),
                    ("state", "in", ["draft", "to_be_sent"]),
                ]
            )
        new_lines = self.create(values)
        replaced.write({"state": "ignored"})
        return new_lines

    @api.model
    def _sales_dunning_tolerances(self, company, controlling_date):
        """The company's tolerance per active currency, converted as the engine converts it."""
        tolerance = company.credit_control_tolerance
        date = controlling_date or fields.Date.today()
        return {
            currency.id: currency._convert(tolerance, company.currency_id, company, date)
            for currency in self.env["res.currency"].search([])
        }
