from .common import SalesDunningCase


class TestPaymentsScreen(SalesDunningCase):
    def screen(self, days=30):
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dunning.account_move_action_payments")
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("sales_dunning_days_to_due", "<=", days),
            ("partner_id", "in", (self.customer | self.other_customer).ids),
        ]
        self.assertEqual(action["context"].count("'search_default_sales_dunning_days_to_due': 30"), 1)
        return self.env["account.move"].with_user(self.accountant).search(domain)

    def test_it_lists_invoices_due_within_n_days_and_overdue_ones(self):
        overdue = self.create_invoice(due_in_days=-8)
        soon = self.create_invoice(due_in_days=12)
        later = self.create_invoice(customer=self.other_customer, due_in_days=45)
        self.assertEqual(self.screen(), overdue | soon)
        self.assertEqual(self.screen(days=60), overdue | soon | later)
        self.assertEqual(soon.sales_dunning_days_to_due, 12)
        self.assertEqual(overdue.sales_dunning_days_to_due, -8)

    def test_the_register_payment_button_opens_odoos_wizard_with_the_amount_due(self):
        invoice = self.create_invoice(due_in_days=3, amount=400.0)
        action = invoice.with_user(self.accountant).action_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")
        wizard = (
            self.env["account.payment.register"].with_user(self.accountant).with_context(**action["context"]).create({})
        )
        self.assertAlmostEqual(wizard.amount, 400.0)
        wizard.action_create_payments()
        self.assertNotIn(invoice, self.screen())
