from odoo.addons.account_credit_control.models.credit_control_line import (
    CreditControlLine as EngineCreditControlLine,
)

from .common import SalesDunningCase

LINE_FIELDS = [
    "move_line_id",
    "date",
    "date_due",
    "state",
    "channel",
    "invoice_id",
    "partner_id",
    "amount_due",
    "balance_due",
    "policy_level_id",
    "manual_followup",
]


def line_values(lines):
    """The lines' values, as made, without their ids."""
    return sorted(
        ({name: line[name] for name in LINE_FIELDS} for line in lines.read(LINE_FIELDS, load=None)),
        key=lambda values: values["move_line_id"],
    )


class EngineResult(Exception):
    """Rolls back what the engine's own method made, once read."""


class TestReminderDetection(SalesDunningCase):
    def detection_queries(self, customer):
        """SQL queries of the engine's run (detection only, no sending) for one customer."""
        run = self.env["credit.control.run"].create(
            {"date": self.today, "company_id": self.company.id, "policy_ids": self.policy.ids}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.env.cr.sql_log_count
        run.with_context(sales_dunning_partner_ids=customer.ids).generate_credit_lines()
        self.env.flush_all()
        return self.env.cr.sql_log_count - queries, run

    def test_detection_reads_in_batches_whatever_the_number_of_invoices(self):
        for _n in range(4):
            self.create_invoice(customer=self.customer, due_in_days=-8)
        for _n in range(8):
            self.create_invoice(customer=self.other_customer, due_in_days=-9)
        queries_4, run_4 = self.detection_queries(self.customer)
        queries_8, run_8 = self.detection_queries(self.other_customer)
        self.assertEqual((len(run_4.line_ids), len(run_8.line_ids)), (4, 8))
        # The engine alone searches once per invoice: a few queries more for 8 invoices than for 4.
        self.assertLessEqual(queries_8, queries_4 + 1, "twice the invoices, the same queries")

    def engine_lines(self, move_lines):
        """What the engine's own method makes of `move_lines` at the first level, and which
        lines it ignores, rolled back."""
        lines = self.env["credit.control.line"]
        before = lines.search([("move_line_id", "in", move_lines.ids)])
        try:
            with self.env.cr.savepoint():
                made = EngineCreditControlLine.create_or_update_from_mv_lines(
                    lines, move_lines, self.level_1, self.today, self.company
                )
                result = (line_values(made), before.filtered(lambda line: line.state == "ignored"))
                raise EngineResult
        except EngineResult:
            self.env.invalidate_all()
        return result

    def test_batched_detection_makes_and_ignores_the_lines_the_engine_would(self):
        self.create_invoice(due_in_days=-8)
        self.create_invoice(due_in_days=-12, amount=120.0)
        self.create_invoice(customer=self.other_customer, due_in_days=-9)
        below_tolerance = self.create_invoice(customer=self.other_customer, due_in_days=-9, amount=0.05)
        self.other_customer.email = False  # the engine falls back to a letter
        run = self.env["credit.control.run"].create(
            {"date": self.today, "company_id": self.company.id, "policy_ids": self.policy.ids}
        )
        run.generate_credit_lines()
        move_lines = self.env["account.move.line"].search(
            [("move_id.partner_id", "in", (self.customer | self.other_customer).ids), ("date_maturity", "!=", False)]
        )
        self.assertEqual(len(move_lines), 4)
        self.assertEqual(len(run.line_ids), 3, "the invoice below the tolerance gets no line")
        self.assertNotIn(below_tolerance, run.line_ids.invoice_id)
        run.line_ids[:1].state = "to_be_sent"

        expected, expected_ignored = self.engine_lines(move_lines)
        made = self.env["credit.control.line"].create_or_update_from_mv_lines(
            move_lines, self.level_1, self.today, self.company
        )

        self.assertEqual(line_values(made), expected)
        self.assertEqual(len(expected), 3)
        self.assertEqual(set(made.mapped("channel")), {"email", "letter"})
        self.assertEqual(run.line_ids.filtered(lambda line: line.state == "ignored"), expected_ignored)
        self.assertEqual(expected_ignored, run.line_ids, "the lines left in draft or to send are ignored")
