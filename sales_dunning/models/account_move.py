from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    sales_dunning_days_overdue = fields.Integer(
        string="Days Overdue",
        compute="_compute_sales_dunning_days_overdue",
        help="Days since the due date of a posted invoice that still has an amount due.",
    )
    sales_dunning_level_id = fields.Many2one(
        comodel_name="credit.control.policy.level",
        string="Reminder Level",
        compute="_compute_sales_dunning_level_id",
        store=True,
        compute_sudo=True,
        help="The highest reminder level sent (or being sent) for this invoice.",
    )
    sales_dunning_hold_until = fields.Date(
        string="No Reminder Until",
        copy=False,
        tracking=True,
        help="No reminder is sent for this invoice before this date.",
    )

    @api.depends_context("date")
    @api.depends("invoice_date_due", "amount_residual", "state")
    def _compute_sales_dunning_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            late = move.state == "posted" and move.amount_residual and move.invoice_date_due
            move.sales_dunning_days_overdue = max((today - move.invoice_date_due).days, 0) if late else 0

    @api.depends("credit_control_line_ids.state", "credit_control_line_ids.policy_level_id")
    def _compute_sales_dunning_level_id(self):
        """The level reached: the engine's lines still in triage (draft) or left out
        (ignored) say nothing was sent at their level."""
        for move in self:
            lines = move.credit_control_line_ids.filtered(lambda line: line.state not in ("draft", "ignored"))
            move.sales_dunning_level_id = lines.sorted("level")[-1:].policy_level_id if lines else False
