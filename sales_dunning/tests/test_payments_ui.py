from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPaymentsScreen(HttpCase):
    def test_the_payments_screen_pays_two_invoices_in_one_go(self):
        today = fields.Date.context_today(self.env["res.partner"])
        product = self.env["product.product"].create({"name": "Audit", "list_price": 300.0, "taxes_id": [(5,)]})
        invoices = self.env["account.move"]
        for name in ("Tour Payeur A", "Tour Payeur B"):
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.env["res.partner"].create({"name": name}).id,
                    "invoice_date": today,
                    "invoice_payment_term_id": False,
                    "invoice_date_due": today + timedelta(days=5),
                    "invoice_line_ids": [(0, 0, {"product_id": product.id, "price_unit": 300.0, "tax_ids": [(5,)]})],
                }
            )
            invoice.action_post()
            invoices |= invoice
        self.start_tour(
            "/odoo/action-sales_dunning.account_move_action_payments", "sales_dunning_payments", login="admin"
        )
        self.assertEqual(set(invoices.mapped("payment_state")) - {"paid", "in_payment"}, set())
