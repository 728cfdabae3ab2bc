from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTodaysRemindersScreen(HttpCase):
    def test_todays_reminders_open_grouped_by_level_with_their_totals(self):
        company = self.env.company
        company.sales_dunning_reminders = True
        if not company.credit_policy_id:
            company._sales_dunning_create_default_policy()
        due = fields.Date.context_today(self.env["res.partner"]) - timedelta(days=8)
        customer = self.env["res.partner"].create({"name": "Tour Relance SARL", "email": "compta@tour-relance.example"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [(0, 0, {"name": "Conseil", "price_unit": 500.0, "tax_ids": [(5,)]})],
            }
        )
        invoice.action_post()
        self.start_tour(
            "/odoo/action-sales_dunning.sales_dunning_preview_action_open",
            "sales_dunning_todays_reminders",
            login="admin",
        )
