import ast
from datetime import timedelta

from odoo.tests import new_test_user

from .common import SalesDunningCase


class TestNextAction(SalesDunningCase):
    def plan(self, record, days, user):
        return record.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=self.today + timedelta(days=days),
            summary="Call back",
            user_id=user.id,
        )

    def test_the_lists_show_the_mixins_next_action_whoever_it_is_assigned_to(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.plan(invoice, 2, self.salesperson)
        self.plan(invoice, 5, self.accountant)
        rows = invoice.with_user(self.accountant).read(
            ["activity_summary", "activity_type_id", "activity_date_deadline", "activity_user_id"]
        )[0]
        self.assertEqual(rows["activity_summary"], "Call back")
        self.assertEqual(rows["activity_date_deadline"], self.today + timedelta(days=2))
        self.assertEqual(rows["activity_user_id"][0], self.salesperson.id)
        for model, view in (
            ("account.move", "sales_dunning.account_move_view_list_next_action"),
            ("sale.order", "sales_dunning.sale_order_view_list_next_action"),
        ):
            arch = self.env[model].get_view(self.env.ref(view).inherit_id.id, "list")["arch"]
            self.assertIn('name="activity_date_deadline"', arch)

    def test_next_action_filters_late_today_and_this_week(self):
        late, today, later = (self.create_invoice(due_in_days=d) for d in (-8, -9, -10))
        self.plan(late, -1, self.salesperson)
        self.plan(today, 0, self.accountant)
        self.plan(later, 1, self.salesperson)
        Move = self.env["account.move"]
        self.assertEqual(
            Move.search([("activity_state", "=", "overdue"), ("id", "in", (late | today | later).ids)]), late
        )
        self.assertEqual(
            Move.search([("activity_state", "=", "today"), ("id", "in", (late | today | later).ids)]), today
        )
        week_end = self.today + timedelta(days=6 - self.today.weekday())
        this_week = Move.search(
            [
                ("activity_date_deadline", ">=", self.today),
                ("activity_date_deadline", "<=", week_end),
                ("id", "in", (late | today | later).ids),
            ]
        )
        expected = today | later if self.today.weekday() < 6 else today
        self.assertEqual(this_week, expected)

    def test_an_activity_planned_on_a_quotation_reads_on_its_list(self):
        order = self.env["sale.order"].with_user(self.salesperson).create({"partner_id": self.customer.id})
        self.plan(order, 3, self.salesperson)
        self.assertEqual(order.activity_user_id, self.salesperson)
        self.assertEqual(order.activity_date_deadline, self.today + timedelta(days=3))

    def test_overdue_invoices_lists_posted_customer_invoices_past_due_with_an_amount_due(self):
        overdue = self.create_invoice(due_in_days=-8)
        not_due = self.create_invoice(due_in_days=5)
        draft = self.create_invoice(due_in_days=-8, post=False)
        paid = self.create_invoice(due_in_days=-8)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=paid.ids).create(
            {}
        )._create_payments()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dunning.account_move_action_overdue")
        domain = [
            (f, op, self.today if value == "today" else value) for f, op, value in ast.literal_eval(action["domain"])
        ]
        found = self.env["account.move"].with_user(self.accountant).search(domain)
        self.assertIn(overdue, found)
        self.assertNotIn(not_due, found)
        self.assertNotIn(draft, found)
        self.assertNotIn(paid, found)
        self.assertEqual(overdue.sales_dunning_days_overdue, 8)
        self.assertEqual(not_due.sales_dunning_days_overdue, 0)

    def test_the_reminder_level_reads_for_the_accountant_and_the_accounting_reader(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.run_reminders()
        reader = new_test_user(self.env, login="sales_dunning_reader", groups="account.group_account_readonly")
        for user in (self.accountant, reader):
            level = invoice.with_user(user).read(["sales_dunning_level_id"])[0]["sales_dunning_level_id"]
            self.assertEqual(level[0], self.level_1.id)
