from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from ..models import marketing_phone_campaign
from .marketing_phone_campaign_common import MarketingPhoneCampaignCase


@tagged("post_install", "-at_install")
class TestMarketingPhoneCampaign(MarketingPhoneCampaignCase):
    def test_round_robin_spreads_calls_evenly_across_additions(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:4].ids})
        campaign._add_targets({"crm.lead": self.leads[4:].ids})
        calls = self.calls(campaign)
        self.assertEqual(len(calls), 6)
        self.assertEqual(calls.user_id, self.callers)
        for caller in self.callers:
            self.assertEqual(len(calls.filtered(lambda call, caller=caller: call.user_id == caller)), 2)
        self.assertEqual(campaign.state, "running", "Adding calls starts a draft campaign.")

    def test_calls_are_call_activities_of_the_campaign_on_each_record(self):
        campaign = self.create_campaign(summary="Present the new range", note="<p>Ask for a meeting</p>")
        campaign._add_targets({"crm.lead": self.leads[:1].ids})
        call = self.leads[0].activity_ids
        self.assertEqual(call.phone_campaign_id, campaign)
        self.assertEqual(call.activity_type_id, self.call_type)
        self.assertEqual(call.summary, "Present the new range")
        self.assertIn("Ask for a meeting", str(call.note))
        self.assertEqual(call.date_deadline, campaign.date_deadline)

    def test_salesperson_mode_assigns_the_record_salesperson(self):
        self.leads[:2].user_id = self.salesperson
        campaign = self.create_campaign(assignment="salesperson")
        campaign._add_targets({"crm.lead": self.leads[:2].ids})
        self.assertEqual(self.calls(campaign).user_id, self.salesperson)

    def test_salesperson_mode_spreads_records_without_salesperson_among_the_callers(self):
        self.leads[:3].user_id = False
        campaign = self.create_campaign(assignment="salesperson")
        campaign._add_targets({"crm.lead": self.leads[:3].ids})
        self.assertEqual(self.calls(campaign).user_id, self.callers)

    def test_salesperson_mode_without_callers_gives_the_rest_to_the_responsible(self):
        self.leads[0].user_id = self.salesperson
        self.leads[1].user_id = False
        campaign = self.create_campaign(assignment="salesperson", caller_ids=[(5, 0, 0)])
        campaign._add_targets({"crm.lead": self.leads[:2].ids})
        self.assertEqual(self.leads[0].activity_ids.user_id, self.salesperson)
        self.assertEqual(self.leads[1].activity_ids.user_id, self.marketer)

    def test_do_not_call_and_phoneless_records_are_left_out_and_counted(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": (self.leads[:2] | self.lead_without_phone | self.lead_do_not_call).ids})
        self.assertEqual(campaign.call_count, 2)
        self.assertEqual(campaign.do_not_call_count, 1)
        self.assertEqual(campaign.no_phone_count, 1)
        self.assertEqual(campaign.exclusion_count, 2)
        self.assertFalse(self.lead_without_phone.activity_ids | self.lead_do_not_call.activity_ids)
        self.assertEqual(
            {(exclusion.res_name, exclusion.reason) for exclusion in campaign.exclusion_ids},
            {("PC lead without phone", "no_phone"), ("PC lead do not call", "do_not_call")},
        )

    def test_adding_the_same_records_twice_creates_no_duplicate_nor_double_count(self):
        campaign = self.create_campaign()
        targets = {"crm.lead": (self.leads[:3] | self.lead_without_phone | self.lead_do_not_call).ids}
        campaign._add_targets(targets)
        campaign._add_targets(targets)
        self.assertEqual(len(self.calls(campaign)), 3)
        self.assertEqual(len(self.leads[0].activity_ids), 1)
        self.assertEqual((campaign.no_phone_count, campaign.do_not_call_count), (1, 1))

    def test_a_record_given_a_phone_leaves_the_left_out_list_when_added_again(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.lead_without_phone.ids})
        self.lead_without_phone.write({"phone": "+33 1 45 67 80 00", "country_id": self.france.id})
        campaign._add_targets({"crm.lead": self.lead_without_phone.ids})
        self.assertEqual((campaign.call_count, campaign.no_phone_count), (1, 0))

    def test_a_call_done_with_an_outcome_moves_the_progress(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:4].ids})
        self.assertEqual((campaign.call_todo_count, campaign.call_done_count, campaign.call_done_rate), (4, 0, 0))
        call = self.leads[0].activity_ids
        call.with_user(call.user_id).action_record_outcome(self.interested.id, "Wants a demonstration.")
        campaign.invalidate_recordset()
        self.assertEqual((campaign.call_todo_count, campaign.call_done_count, campaign.call_done_rate), (3, 1, 25))
        self.assertEqual(campaign.outcome_summary, "Interested: 1")
        self.assertEqual(self.calls(campaign, active=False).outcome_id, self.interested)

    def test_call_back_plans_another_call_of_the_campaign(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:1].ids})
        call = self.leads[0].activity_ids
        call.with_user(call.user_id).action_record_outcome(self.call_back.id, "Busy, call back on Thursday.")
        campaign.invalidate_recordset()
        self.assertEqual((campaign.call_todo_count, campaign.call_done_count), (1, 1))
        self.assertEqual(self.leads[0].activity_ids.phone_campaign_id, campaign)

    def test_query_with_parameters_adds_the_records_matching_the_values_given(self):
        self.leads[:2].city = "Lyon"
        self.leads[2:].city = "Nantes"
        query = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create(
                {
                    "name": "PC leads of a city",
                    "model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "domain": "[('name', 'like', 'PC lead')]",
                    "param_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "city",
                                "label": "City",
                                "field_id": self.env["ir.model.fields"]._get("crm.lead", "city").id,
                                "required": True,
                            },
                        )
                    ],
                }
            )
        )
        campaign = self.create_campaign(query_id=query.id)
        action = campaign.action_add_from_query()
        self.assertEqual(action["res_model"], "smart.query.launch", "The parameters are asked first.")
        launch = self.env["smart.query.launch"].with_user(self.marketer).with_context(action["context"]).create({})
        launch.line_ids.value_text = "Lyon"
        launch.action_add_to_phone_campaign()
        self.assertEqual(set(self.calls(campaign).mapped("res_id")), set(self.leads[:2].ids))

    def test_query_on_activities_calls_the_records_they_are_on(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for lead in self.leads[:2]:
            lead.activity_schedule(activity_type_id=todo.id, summary="PC quote to send", user_id=self.marketer.id)
        query = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create(
                {
                    "name": "PC quotes to send",
                    "model_id": self.env["ir.model"]._get_id("mail.activity"),
                    "domain": "[('summary', '=', 'PC quote to send')]",
                }
            )
        )
        campaign = self.create_campaign(query_id=query.id)
        campaign.action_add_from_query()
        self.assertEqual(set(self.calls(campaign).mapped("res_id")), set(self.leads[:2].ids))
        self.assertEqual(set(self.calls(campaign).mapped("res_model")), {"crm.lead"})

    def test_query_on_another_model_is_refused(self):
        query = self.env["smart.query"].create(
            {"name": "PC countries", "model_id": self.env["ir.model"]._get_id("res.country")}
        )
        with self.assertRaisesRegex(Exception, "a call list is built from a query on contacts"):
            self.create_campaign(query_id=query.id)

    def test_wizard_adds_the_contacts_selected_in_a_list(self):
        partners = self.env["res.partner"].create(
            [
                {"name": "PC partner with phone", "phone": "+33 1 45 67 77 01", "country_id": self.france.id},
                {"name": "PC partner without phone"},
            ]
        )
        campaign = self.create_campaign()
        wizard = (
            self.env["marketing.phone.campaign.add"]
            .with_user(self.marketer)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"campaign_id": campaign.id})
        )
        self.assertEqual(wizard.record_count, 2)
        wizard.action_add()
        self.assertEqual(self.calls(campaign).res_id, partners[0].id)
        self.assertEqual(self.calls(campaign).res_model, "res.partner")
        self.assertEqual(campaign.no_phone_count, 1)

    def test_big_lists_are_added_by_batch_jobs(self):
        campaign = self.create_campaign()
        with (
            patch.object(marketing_phone_campaign, "SYNC_LIMIT", 2),
            patch.object(marketing_phone_campaign, "BATCH_SIZE", 2),
            trap_jobs() as trap,
        ):
            campaign._add_targets({"crm.lead": self.leads.ids})
            trap.assert_jobs_count(3, only=campaign._job_add_calls)
            self.assertFalse(self.calls(campaign), "Nothing is added before the jobs run.")
            trap.perform_enqueued_jobs()
        self.assertEqual(len(self.calls(campaign)), 6)
        for caller in self.callers:
            self.assertEqual(len(self.calls(campaign, user_id=caller.id)), 2)

    def test_a_record_that_fails_is_counted_and_the_others_are_called(self):
        campaign = self.create_campaign()
        bad_lead = self.leads[1]
        create_calls = type(campaign)._create_calls

        def fail_on_bad_lead(campaign_self, values):
            if any(vals["res_id"] == bad_lead.id for vals in values):
                raise ValueError("a broken record")
            return create_calls(campaign_self, values)

        with patch.object(type(campaign), "_create_calls", fail_on_bad_lead):
            with self.assertLogs("odoo.addons.marketing_campaigns.models.marketing_phone_campaign", "ERROR"):
                campaign._add_targets({"crm.lead": self.leads[:3].ids})
        self.assertEqual(set(self.calls(campaign).mapped("res_id")), {self.leads[0].id, self.leads[2].id})
        self.assertIn("2 calls added", campaign.message_ids[0].body)
        self.assertIn("1 in error", campaign.message_ids[0].body)

    def test_closed_campaign_cancels_the_calls_not_made_and_takes_no_more(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:2].ids})
        call = self.leads[0].activity_ids
        call.with_user(call.user_id).action_record_outcome(self.not_interested.id, "No budget this year.")
        campaign.action_close()
        self.assertEqual(self.calls(campaign), call, "The call made stays, the other one is cancelled.")
        self.assertEqual(campaign.call_todo_count, 0)
        with self.assertRaisesRegex(UserError, "is closed"):
            campaign._add_targets({"crm.lead": self.leads[2:3].ids})

    def test_lead_and_contact_list_the_campaign_calls_they_had_with_their_outcome(self):
        partner = self.env["res.partner"].create(
            {"name": "PC partner", "phone": "+33 1 45 67 77 02", "country_id": self.france.id}
        )
        campaign = self.create_campaign()
        other = self.create_campaign(name="PC other campaign")
        campaign._add_targets({"crm.lead": self.leads[:1].ids, "res.partner": partner.ids})
        other._add_targets({"crm.lead": self.leads[:1].ids})
        call = self.leads[0].activity_ids.filtered(lambda activity: activity.phone_campaign_id == campaign)
        call.with_user(call.user_id).action_record_outcome(self.interested.id, "Wants a demonstration.")
        self.leads[0].invalidate_recordset()
        self.assertEqual(self.leads[0].phone_campaign_call_ids.phone_campaign_id, campaign | other)
        self.assertEqual(
            self.leads[0].phone_campaign_call_ids.filtered(lambda c: c.phone_campaign_id == campaign).outcome_id,
            self.interested,
        )
        self.assertEqual(partner.phone_campaign_call_ids.phone_campaign_id, campaign)
        self.assertFalse(self.leads[1].phone_campaign_call_ids)
