import importlib.util
from pathlib import Path

from .common import CrmLeadsCase

MIGRATION = Path(__file__).parent.parent / "migrations" / "19.0.1.3.0" / "pre-migrate.py"


class TestCrmRatingMigration(CrmLeadsCase):
    """Databases of 19.0.1.2.0 had a lead scoring and an opportunity scoring beside Odoo's
    three-star priority: the update moves them into the five-star priority."""

    def setUp(self):
        super().setUp()
        # The columns of the former fields, as they are in a database to update (rolled back).
        self.env.cr.execute(
            "ALTER TABLE crm_lead ADD COLUMN lead_scoring varchar, ADD COLUMN opportunity_scoring varchar"
        )
        spec = importlib.util.spec_from_file_location("crm_leads_pre_migrate_19_0_1_3_0", MIGRATION)
        self.migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.migration)

    def migrate(self, leads, scorings):
        self.env.flush_all()
        for lead, (lead_scoring, opportunity_scoring) in zip(leads, scorings, strict=True):
            self.env.cr.execute(
                "UPDATE crm_lead SET lead_scoring = %s, opportunity_scoring = %s WHERE id = %s",
                (lead_scoring, opportunity_scoring, lead.id),
            )
        self.migration.migrate(self.env.cr, "19.0.1.2.0")
        leads.invalidate_recordset(["priority"])
        return leads.mapped("priority")

    def test_the_scorings_become_the_five_star_rating(self):
        lead = self.create_lead("Scored lead", priority="1")
        opportunity = self.Lead.create({"name": "Scored opportunity", "type": "opportunity", "priority": "2"})
        converted = self.Lead.create({"name": "Scored as a lead only", "type": "opportunity", "priority": "3"})
        self.assertEqual(
            self.migrate(lead | opportunity | converted, [("5", "0"), ("1", "4"), ("2", "0")]), ["5", "4", "2"]
        )

    def test_without_scoring_the_stars_of_the_priority_stay(self):
        lead = self.create_lead("Priority only", priority="3")
        unrated = self.create_lead("Never rated")
        self.assertEqual(self.migrate(lead | unrated, [("0", "0"), (None, None)]), ["3", "0"])
