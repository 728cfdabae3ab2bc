from odoo import models
from odoo.fields import Domain


class CreditControlPolicy(models.Model):
    _inherit = "credit.control.policy"

    def _move_lines_domain(self, credit_control_run):
        """What the engine leaves in but a customer must never be reminded of.

        The engine reads reconciliation only; Odoo 19 marks an invoice "in payment" (a
        payment registered, not yet reconciled with the bank) without reconciling it.
        Customers excluded from reminders and invoices held until a later date are left
        out too."""
        domain = Domain(super()._move_lines_domain(credit_control_run))
        partner_ids = self.env.context.get("sales_dunning_partner_ids")
        if partner_ids:
            # "Send reminder" on a customer or an invoice: that customer only.
            domain &= Domain("partner_id.commercial_partner_id", "in", partner_ids)
        return list(
            domain
            & Domain("move_id.payment_state", "not in", ("in_payment", "paid", "reversed"))
            & Domain("partner_id.commercial_partner_id.sales_dunning_excluded", "=", False)
            & (
                Domain("move_id.sales_dunning_hold_until", "=", False)
                | Domain("move_id.sales_dunning_hold_until", "<=", credit_control_run.date)
            )
        )
