from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common_extras import CrmLeadsExtrasCase


class TestCrmOpportunityExtras(CrmLeadsExtrasCase):
    def set_close_on_confirmation(self, value):
        self.env["ir.config_parameter"].set_param("crm_leads.close_won_on_order_confirmation", value)

    def test_a_lead_keeps_its_rating_when_it_becomes_an_opportunity(self):
        lead = self.Lead.create({"name": "Desks for the new office", "type": "lead", "priority": "5"})
        lead.convert_opportunity(self.prospect)
        self.assertEqual((lead.type, lead.priority), ("opportunity", "5"))

    def test_amounts_frame_the_expected_revenue_and_their_changes_are_tracked(self):
        opportunity = self.create_opportunity(
            "Chairs", self.prospect, expected_revenue=10000, best_case_amount=14000, worst_case_amount=6000
        )
        # Odoo tracks no change of a record created in the same transaction, and writes the
        # tracking messages when the transaction commits: run what a commit would, twice.
        self.env.flush_all()
        self.env.cr.precommit.run()
        opportunity.write({"best_case_amount": 12000, "worst_case_amount": 8000})
        self.env.flush_all()
        self.env.cr.precommit.run()
        opportunity.invalidate_recordset(["message_ids"])
        # Tracking values are readable by administrators only.
        changes = opportunity.message_ids[0].sudo().tracking_value_ids
        self.assertEqual(
            {(change.field_id.name, change.old_value_float, change.new_value_float) for change in changes},
            {("best_case_amount", 14000, 12000), ("worst_case_amount", 6000, 8000)},
        )

    def test_a_worst_case_alone_is_accepted(self):
        opportunity = self.create_opportunity("Chairs", self.prospect, worst_case_amount=3000)
        self.assertEqual((opportunity.worst_case_amount, opportunity.best_case_amount), (3000, 0))

    def test_worst_case_above_best_case_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "worst case .* is above its best case"):
            self.create_opportunity("Chairs", self.prospect, best_case_amount=5000, worst_case_amount=8000)

    def test_a_worst_case_above_the_expected_revenue_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "worst case .* is above its expected revenue"):
            self.create_opportunity("Chairs", self.prospect, expected_revenue=5000, worst_case_amount=6000)

    def test_a_best_case_below_the_expected_revenue_is_refused(self):
        opportunity = self.create_opportunity("Chairs", self.prospect, expected_revenue=5000, best_case_amount=8000)
        with self.assertRaisesRegex(ValidationError, "best case .* is below its expected revenue"):
            opportunity.expected_revenue = 9000

    def test_amounts_equal_to_the_expected_revenue_are_accepted(self):
        opportunity = self.create_opportunity(
            "Chairs", self.prospect, expected_revenue=5000, best_case_amount=5000, worst_case_amount=5000
        )
        self.assertEqual(opportunity.worst_case_amount, opportunity.best_case_amount)

    def test_opportunity_form_shows_rating_and_amounts(self):
        form = Form(self.Lead.with_context(default_type="opportunity"))
        form.name = "Filled through the form"
        form.priority = "5"
        form.expected_revenue = 600
        form.best_case_amount = 900
        form.worst_case_amount = 300
        opportunity = form.save()
        self.assertEqual((opportunity.priority, opportunity.worst_case_amount), ("5", 300))

    def test_proposition_is_the_proposal_stage(self):
        self.assertTrue(self.stage_proposal.is_proposal_stage)
        self.assertEqual(self.env["crm.stage"].search([("is_proposal_stage", "=", True)]), self.stage_proposal)

    def test_new_quotation_moves_the_opportunity_to_the_proposal_stage(self):
        opportunity = self.create_opportunity("Quote me", self.prospect, stage_id=self.stage_qualified.id)
        context = opportunity.action_new_quotation()["context"]
        Form(self.env["sale.order"].with_context(**context)).save()
        self.assertEqual(opportunity.stage_id, self.stage_proposal)

    def test_quotation_does_not_move_an_opportunity_backwards(self):
        late_stage = self.env["crm.stage"].create({"name": "Negotiation", "sequence": 3})
        late_stage.sequence = self.stage_proposal.sequence + 1
        opportunity = self.create_opportunity("Already negotiating", self.prospect, stage_id=late_stage.id)
        self.env["sale.order"].create({"partner_id": self.prospect.id, "opportunity_id": opportunity.id})
        self.assertEqual(opportunity.stage_id, late_stage)

    def test_a_team_s_own_proposal_stage_comes_first(self):
        team = self.env["crm.team"].create({"name": "Export"})
        export_proposal = self.env["crm.stage"].create(
            {"name": "Export offer", "sequence": 3, "is_proposal_stage": True, "team_ids": [(6, 0, team.ids)]}
        )
        opportunity = self.create_opportunity("Abroad", self.prospect, team_id=team.id, stage_id=self.stage_new.id)
        other = self.create_opportunity("At home", self.prospect, stage_id=self.stage_new.id)
        self.env["sale.order"].create(
            [{"partner_id": self.prospect.id, "opportunity_id": lead.id} for lead in (opportunity, other)]
        )
        self.assertEqual(opportunity.stage_id, export_proposal)
        self.assertEqual(other.stage_id, self.stage_proposal)

    def test_confirmed_order_wins_the_opportunity_when_the_setting_is_on(self):
        self.set_close_on_confirmation(True)
        opportunity = self.create_opportunity("Sure deal", self.prospect)
        self.confirm_order_for(self.prospect, opportunity_id=opportunity.id)
        self.assertEqual(opportunity.won_status, "won")
        self.assertTrue(opportunity.stage_id.is_won)

    def test_confirmed_order_leaves_the_opportunity_open_when_the_setting_is_off(self):
        self.set_close_on_confirmation(False)
        opportunity = self.create_opportunity("Maybe more to sell", self.prospect)
        self.confirm_order_for(self.prospect, opportunity_id=opportunity.id)
        self.assertEqual(opportunity.won_status, "pending")

    def test_setting_is_offered_in_crm_settings(self):
        settings = self.env["res.config.settings"].create({"crm_leads_close_won_on_order_confirmation": True})
        settings.execute()
        self.assertTrue(self.Lead._close_won_on_order_confirmation())

    def test_winning_a_prospect_opportunity_offers_to_close_its_others(self):
        won = self.create_opportunity("Desks", self.prospect_contact)
        sibling = self.create_opportunity("Chairs", self.prospect)
        action = won.action_set_won_rainbowman()
        self.assertEqual(action["res_model"], "crm.lead.lost")
        dialog = self.env["crm.lead.lost"].browse(action["res_id"])
        self.assertEqual(dialog.lead_ids, sibling)
        self.assertIn("Bourgeois Industrie", action["name"])

    def test_closing_the_others_marks_them_lost_with_the_reason(self):
        won = self.create_opportunity("Desks", self.prospect)
        sibling = self.create_opportunity("Chairs", self.prospect_contact)
        reason = self.env["crm.lost.reason"].create({"name": "Bought elsewhere in the group"})
        dialog = self.env["crm.lead.lost"].browse(won.action_set_won_rainbowman()["res_id"])
        dialog.lost_reason_id = reason
        result = dialog.action_crm_leads_close_siblings()
        self.assertEqual(result["params"]["message"], "1 other opportunity(ies) closed as lost.")
        self.assertEqual(sibling.won_status, "lost")
        self.assertEqual(sibling.lost_reason_id, reason)
        self.assertEqual(won.won_status, "won")

    def test_winning_a_customer_opportunity_asks_nothing(self):
        won = self.create_opportunity("Renewal", self.customer)
        self.create_opportunity("Extension", self.customer)
        action = won.action_set_won_rainbowman()
        self.assertNotEqual(action.get("res_model") if isinstance(action, dict) else None, "crm.lead.lost")
        self.assertEqual(won.won_status, "won")

    def test_winning_the_only_opportunity_of_a_prospect_asks_nothing(self):
        won = self.create_opportunity("Only one", self.prospect)
        action = won.action_set_won_rainbowman()
        self.assertNotEqual(action.get("res_model") if isinstance(action, dict) else None, "crm.lead.lost")

    def test_a_company_with_a_confirmed_order_is_no_prospect(self):
        partners = self.prospect | self.prospect_contact | self.customer
        self.assertEqual(partners._crm_leads_filter_prospects(), self.prospect | self.prospect_contact)
        self.assertEqual(self.customer.relationship_type, "customer")

    def test_prospects_are_told_by_their_relationship_type(self):
        supplier = self.Partner.create(
            {"name": "Fournitures Martin", "is_company": True, "relationship_type": "supplier"}
        )
        untyped = self.Partner.create({"name": "Unknown Ltd", "is_company": True})
        self.assertFalse((supplier | untyped)._crm_leads_filter_prospects())

    def test_confirming_an_order_leaves_a_supplier_a_supplier(self):
        supplier = self.Partner.create(
            {"name": "Fournitures Martin", "is_company": True, "relationship_type": "supplier"}
        )
        self.confirm_order_for(supplier)
        self.assertEqual(supplier.relationship_type, "supplier")
