from odoo.tests import tagged

from ..models.base_automation import RULES_CACHE_KEY

from .common import PipelineAutomationCase

# Queries the triggers may add to a bulk operation on leads that sets none of them off, whatever
# the number of leads: base_automation's search of its rules and the reading of the rules (3 and
# 4 measured). Before, crm_leads' bulk conversion cost about 15 queries more per lead.
EXTRA_QUERIES = 10


@tagged("post_install", "-at_install")
class TestPipelineTriggerCost(PipelineAutomationCase):
    """Active triggers cost a bulk operation a constant number of queries when none of them
    fires: base_automation runs their rules at every write and at every computation of a
    stored field of the leads, which crm_leads' conversion makes lead by lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Triggers like the demo's, on the test pipeline and on all of them; none fires for
        # leads being converted, nor for opportunities changing their salesperson.
        cls.triggers = cls.env["crm.pipeline.trigger"].with_context(active_test=False).search([])
        for team in (cls.team, cls.env["crm.team"]):
            cls.triggers |= cls.create_trigger("won", actions=[cls.tag_action(cls.tag)], team_id=team.id)
            cls.triggers |= cls.create_trigger("lost", actions=[cls.tag_action(cls.tag)], team_id=team.id)
            cls.triggers |= cls.create_trigger(
                "stage_reached", actions=[cls.tag_action(cls.tag)], stage_id=cls.stage_r2.id, team_id=team.id
            )
            cls.triggers |= cls.create_trigger(
                "stage_moved",
                actions=[cls.tag_action(cls.tag)],
                from_stage_id=cls.stage_r1.id,
                stage_id=cls.stage_r2.id,
                team_id=team.id,
            )

    def build_leads(self, count, tag):
        """``count`` leads of the test pipeline; the even ones match an existing company and
        contact by e-mail, the others make new ones."""
        Partner = self.env["res.partner"]
        companies = Partner.create([{"name": f"Cost {tag} Company {n}", "is_company": True} for n in range(count // 2)])
        Partner.create(
            [
                {"name": f"Cost {tag} Person {n}", "email": f"p{n}@cost-{tag}.example.com", "parent_id": company.id}
                for n, company in enumerate(companies)
            ]
        )
        values = []
        for n in range(count):
            known = n // 2
            if n % 2 == 0:
                names = (
                    f"Cost {tag} Company {known}",
                    f"Cost {tag} Person {known}",
                    f"p{known}@cost-{tag}.example.com",
                )
            else:
                names = (f"Cost {tag} New {n}", f"Cost {tag} Newcomer {n}", f"new{n}@cost-{tag}.example.com")
            values.append(
                dict(zip(("partner_name", "contact_name", "email_from"), names, strict=True))
                | {"name": f"Cost lead {n}", "type": "lead", "team_id": self.team.id}
            )
        leads = self.Lead.create(values)
        self.env.flush_all()
        self.env.invalidate_all()
        return leads

    def queries(self, operation):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def extra_queries(self, operation_on, size):
        """Queries of the operation with the triggers active, less those with them archived."""
        counts = {}
        for active in (False, True):
            self.triggers.active = active
            self.assertEqual(bool(self.triggers.automation_ids.filtered("active")), active)
            counts[active] = self.queries(operation_on(size, f"{size}{active}"))
        return counts[True] - counts[False], counts

    def test_bulk_conversion_costs_a_constant_more_with_triggers(self):
        def convert(size, tag):
            leads = self.build_leads(size, tag)
            return leads._crm_leads_convert

        for size in (20, 100):
            with self.subTest(size=size):
                extra, counts = self.extra_queries(convert, size)
                self.assertLessEqual(
                    extra, EXTRA_QUERIES, f"converting {size} leads: {counts[True]} queries, {counts[False]} without"
                )
        self.assertFalse(self.Log.search_count([("trigger_id", "in", self.triggers.ids)]), "no trigger fired")

    def test_bulk_write_costs_a_constant_more_with_triggers(self):
        def reassign(size, tag):
            opportunities = self.create_leads(size, stage_id=self.stage_new.id)
            return lambda: opportunities.write({"user_id": self.leader.id, "team_id": self.other_team.id})

        for size in (20, 100):
            with self.subTest(size=size):
                extra, counts = self.extra_queries(reassign, size)
                self.assertLessEqual(
                    extra,
                    EXTRA_QUERIES,
                    f"writing {size} opportunities: {counts[True]} queries, {counts[False]} without",
                )
        self.assertFalse(self.Log.search_count([("trigger_id", "in", self.triggers.ids)]), "no trigger fired")

    def test_base_automation_is_left_as_it_is_for_other_models(self):
        """The rules are kept for the transaction on opportunities only: base_automation searches
        those of any other model as it always did."""
        Automation = self.env["base.automation"]
        partners = self.env["res.partner"].search([], limit=1)
        Automation._forget_rules()
        Automation._get_actions(partners, ["on_create_or_write"])
        self.assertNotIn(RULES_CACHE_KEY, self.env.cr.cache)
        Automation._get_actions(self.create_leads(), ["on_create_or_write"])
        self.assertIn(("crm.lead", ("on_create_or_write",)), self.env.cr.cache[RULES_CACHE_KEY])
