from odoo.tests import TransactionCase, tagged

# Queries the bulk conversion may make for 1,000 leads, half of them matching existing partners
# (72 measured here; tests/benchmarks/bench_crm_leads_conversion.py: 59.5 per 1,000 on 2,000
# leads, 52.2 on 10,000): the searches, creates and grouped writes of a round cost about the same
# whatever its size, so a change adding a query per lead (or per partner) breaks it by hundreds.
QUERIES_PER_1000_LEADS = 85
# What 1,000 more leads of the same round may add: no query per lead, only the statements of
# chunked reads and writes (32 measured, from 48 queries for 250 leads to 72 for 1,000).
QUERIES_PER_1000_MORE_LEADS = 45


@tagged("post_install", "-at_install")
class TestCrmLeadConversionBudget(TransactionCase):
    """The bulk conversion's query budget, counted: a test fails when it is broken, not only the
    benchmark."""

    def setUp(self):
        super().setUp()
        # The budget is the conversion's own. Automation rules on leads (base_automation, which
        # crm_pipeline_automation's triggers use) cost what their own benchmark measures: their
        # model patches are taken off for the count and put back from the rules in the database.
        if "base.automation" in self.env:
            self.env["base.automation"]._unregister_hook()
            self.addCleanup(self.env["base.automation"]._register_hook)

    def build_leads(self, count, tag):
        """`count` leads; the even ones match an existing company and contact by e-mail and name."""
        Partner = self.env["res.partner"]
        matched = count // 2
        companies = Partner.create([{"name": f"Budget {tag} Company {n}", "is_company": True} for n in range(matched)])
        Partner.create(
            [
                {"name": f"Budget {tag} Person {n}", "email": f"p{n}@budget-{tag}-{n}.example.com", "parent_id": c.id}
                for n, c in enumerate(companies)
            ]
        )
        values = []
        for n in range(count):
            if n % 2 == 0:
                known = n // 2
                values.append(
                    {
                        "name": f"Lead {n}",
                        "type": "lead",
                        "partner_name": f"BUDGET {tag} company {known}",
                        "contact_name": f"Budget {tag} Person {known}",
                        "email_from": f"P{known}@budget-{tag}-{known}.example.com",
                    }
                )
            else:
                values.append(
                    {
                        "name": f"Lead {n}",
                        "type": "lead",
                        "partner_name": f"Budget {tag} New Company {n}",
                        "contact_name": f"Budget {tag} Newcomer {n}",
                        "email_from": f"new{n}@budget-{tag}-new-{n}.example.com",
                        "phone": "+33 1 23 45 67 89",
                    }
                )
        leads = self.env["crm.lead"].create(values)
        self.env.flush_all()
        self.env.invalidate_all()
        return leads

    def conversion_queries(self, leads):
        queries_before = self.env.cr.sql_log_count
        counts = leads._crm_leads_convert()
        self.env.flush_all()
        return self.env.cr.sql_log_count - queries_before, counts

    def test_bulk_conversion_stays_within_its_queries_per_1000_leads(self):
        small, small_counts = self.conversion_queries(self.build_leads(250, "s"))
        large, large_counts = self.conversion_queries(self.build_leads(1000, "l"))
        self.assertEqual(
            (large_counts["companies_linked"], large_counts["companies_created"], large_counts["contacts_linked"]),
            (500, 500, 500),
            "half of the leads found their company and contact",
        )
        self.assertEqual(small_counts["leads"], 250)
        self.assertLessEqual(large, QUERIES_PER_1000_LEADS, f"{large} queries to convert 1,000 leads ({small} for 250)")
        self.assertLessEqual(
            (large - small) * 1000 / 750,
            QUERIES_PER_1000_MORE_LEADS,
            f"{small} queries for 250 leads, {large} for 1,000: the cost grows with the number of leads",
        )
