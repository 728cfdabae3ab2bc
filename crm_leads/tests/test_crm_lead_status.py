import ast

from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from ..hooks import _assign_initial_lead_statuses
from .common import CrmLeadsCase


class TestCrmLeadStatus(CrmLeadsCase):
    def test_new_lead_gets_the_new_status(self):
        lead = self.create_lead("Fresh lead")
        self.assertEqual(lead.lead_status_id, self.status_new)
        self.assertFalse(lead.lead_status_is_closed)

    def test_lead_form_opens_on_the_new_status(self):
        form = Form(self.Lead.with_context(default_type="lead"))
        self.assertEqual(form.lead_status_id, self.status_new)

    def test_opportunity_gets_no_lead_status(self):
        opportunity = self.Lead.create({"name": "Direct deal", "type": "opportunity"})
        self.assertFalse(opportunity.lead_status_id)

    def test_second_status_with_a_role_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "already held by the status"):
            self.Status.create({"name": "Also new", "role": "new"})

    def test_giving_a_held_role_to_another_status_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "already held by the status"):
            self.status_nurturing.role = "new"

    def test_moving_a_role_to_another_status_takes_two_steps(self):
        self.status_lost.role = False
        self.status_nurturing.write({"role": "lost", "is_closed": True})
        self.assertEqual(self.Status._get_status_by_role("lost"), self.status_nurturing)

    def test_deleting_a_role_holder_is_refused(self):
        with self.assertRaisesRegex(UserError, "holds the role"):
            self.status_converted.unlink()

    def test_deleting_a_status_without_role_is_allowed(self):
        extra = self.Status.create({"name": "Waiting for budget"})
        extra.unlink()
        self.assertFalse(extra.exists())

    def test_closing_roles_must_be_closed_statuses(self):
        with self.assertRaisesRegex(ValidationError, "ends leads: tick Closed"):
            self.status_lost.is_closed = False
        with self.assertRaisesRegex(ValidationError, "their start: untick Closed"):
            self.status_new.is_closed = True

    def test_status_bar_does_not_offer_converted_and_lost(self):
        arch = self.Lead.get_views([(False, "form")])["views"]["form"]["arch"]
        statusbar = etree.fromstring(arch).xpath("//header/field[@name='lead_status_id']")
        self.assertEqual(len(statusbar), 1)
        self.assertEqual(statusbar[0].get("widget"), "statusbar")
        offered = self.Status.search(ast.literal_eval(statusbar[0].get("domain")))
        self.assertEqual(offered.mapped("name"), ["New", "Marketing qualification", "Sales qualification", "Nurturing"])

    def test_a_missing_role_is_reported_when_needed(self):
        lead = self.create_lead("Lead without a lost status")
        self.status_lost.role = False
        with self.assertRaisesRegex(UserError, 'No lead status has the role "Set by Lost"'):
            lead.action_set_lost()

    def test_writing_a_closing_status_directly_is_refused(self):
        lead = self.create_lead("Hasty lead")
        for status in (self.status_converted, self.status_lost):
            with self.assertRaisesRegex(UserError, "set by the Convert and Lost buttons only"):
                lead.lead_status_id = status
        with self.assertRaisesRegex(UserError, "set by the Convert and Lost buttons only"):
            self.create_lead("Born lost", lead_status_id=self.status_lost.id)
        self.assertEqual(lead.lead_status_id, self.status_new)

    def test_clicking_an_open_status_moves_the_lead(self):
        lead = self.create_lead("Lead to qualify")
        lead.lead_status_id = self.status_sales
        self.assertEqual(lead.lead_status_id, self.status_sales)

    def test_lost_wizard_sets_the_lost_status(self):
        lead = self.create_lead("Lead that goes nowhere")
        self.env["crm.lead.lost"].create(
            {"lead_ids": lead.ids, "lost_reason_id": self.lost_reason.id}
        ).action_lost_reason_apply()
        self.assertEqual(lead.lead_status_id, self.status_lost)
        self.assertTrue(lead.lead_status_is_closed)
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.lost_reason)

    def test_losing_an_opportunity_leaves_it_without_lead_status(self):
        opportunity = self.Lead.create({"name": "Direct deal", "type": "opportunity"})
        opportunity.action_set_lost()
        self.assertFalse(opportunity.lead_status_id)

    def test_restoring_a_lost_lead_reopens_it(self):
        lead = self.create_lead("Second chance")
        lead.action_set_lost()
        lead.action_restore()
        self.assertTrue(lead.active)
        self.assertEqual(lead.lead_status_id, self.status_new)

    def test_convert_to_opportunity_sets_the_converted_status(self):
        lead = self.create_lead("Ready to buy", partner_name="Acme", contact_name="Ann Acme")
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"name": "convert", "action": "create"})
        )
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.lead_status_id, self.status_converted)
        self.assertTrue(lead.lead_status_is_closed)

    def test_a_converted_lead_does_not_go_back_to_an_open_status(self):
        lead = self.create_lead("Converted once", partner_name="Acme")
        lead._crm_leads_convert(company_mode="create", contact_mode="none")
        with self.assertRaisesRegex(UserError, "is converted: its status changes no more"):
            lead.lead_status_id = self.status_marketing
        self.assertEqual(lead.lead_status_id, self.status_converted)

    def test_a_sales_manager_reopens_a_converted_lead_unlinking_it(self):
        lead = self.create_lead("Converted by mistake", partner_name="Acme", contact_name="Ann Acme")
        lead._crm_leads_convert(company_mode="create", contact_mode="create")
        company, contact = lead.conversion_company_id, lead.conversion_contact_id
        lead.action_crm_leads_reopen()
        self.assertEqual(lead.lead_status_id, self.status_new)
        self.assertFalse(lead.conversion_company_id | lead.conversion_contact_id | lead.partner_id)
        self.assertTrue((company | contact).exists())
        self.assertIn("Lead reopened", lead.message_ids[0].body)

    def test_a_salesman_does_not_reopen_a_converted_lead(self):
        lead = self.create_lead("Converted for good", partner_name="Acme", user_id=self.salesman.id)
        lead._crm_leads_convert(company_mode="create", contact_mode="none")
        with self.assertRaisesRegex(UserError, "Only sales managers"):
            lead.with_user(self.salesman).action_crm_leads_reopen()
        form_arch = self.Lead.with_user(self.salesman).get_view(self.env.ref("crm.crm_lead_view_form").id)["arch"]
        self.assertNotIn("action_crm_leads_reopen", form_arch)

    def test_status_changes_are_tracked_in_the_chatter(self):
        lead = self.create_lead("Tracked lead")
        self.flush_tracking()
        lead.lead_status_id = self.status_marketing
        self.flush_tracking()
        lead.invalidate_recordset(["message_ids"])
        tracked = lead.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "lead_status_id")
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.old_value_char, "New")
        self.assertEqual(tracked.new_value_char, "Marketing qualification")

    def test_kanban_shows_every_status_as_a_column(self):
        self.create_lead("Only lead")
        kanban = self.Lead.with_context(read_group_expand=True)
        groups = kanban.formatted_read_group([("name", "=", "Only lead")], ["lead_status_id"], ["__count"])
        columns = [group["lead_status_id"][0] for group in groups]
        self.assertEqual(columns, self.Status.search([]).ids)

    def test_existing_leads_get_a_status_at_install(self):
        waiting = self.create_lead("Lead from before")
        gone = self.create_lead("Lost before")
        opportunity = self.Lead.create({"name": "Deal from before", "type": "opportunity"})
        gone.action_set_lost()
        (waiting | gone).with_context(crm_leads_closing_action=True).lead_status_id = False
        _assign_initial_lead_statuses(self.env)
        self.assertEqual(waiting.lead_status_id, self.status_new)
        self.assertEqual(gone.lead_status_id, self.status_lost)
        self.assertFalse(opportunity.lead_status_id)

    def test_statuses_read_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["crm_leads"], ["fr_FR"], overwrite=True)
        french = self.Status.with_context(lang="fr_FR").search([])
        self.assertEqual(
            french.mapped("name"),
            ["À traiter", "Qualification marketing", "Qualification commerciale", "Nurturing", "Converti", "Perdu"],
        )


class TestCrmLeadClosedFlag(CrmLeadsCase):
    """The leads' Closed flag is read from cached closed statuses (Odoo's lead assignment must not
    read the statuses again): it still follows every change of a status's Closed box."""

    def test_ticking_closed_on_a_status_closes_its_leads(self):
        lead = self.create_lead("Waiting lead", lead_status_id=self.status_nurturing.id)
        self.assertFalse(lead.lead_status_is_closed)
        self.status_nurturing.is_closed = True
        self.assertTrue(lead.lead_status_is_closed)
        self.assertIn(lead, self.Lead.search([("lead_status_is_closed", "=", True)]))
        self.status_nurturing.is_closed = False
        self.assertFalse(lead.lead_status_is_closed)
        self.assertNotIn(lead, self.Lead.search([("lead_status_is_closed", "=", True)]))

    def test_a_new_closed_status_closes_the_leads_moved_there(self):
        parked = self.Status.create({"name": "Parked", "is_closed": True})
        lead = self.create_lead("Parked lead")
        lead.lead_status_id = parked
        self.assertTrue(lead.lead_status_is_closed)
