from odoo.exceptions import AccessError
from odoo.tests import tagged

from .marketing_phone_campaign_common import MarketingPhoneCampaignCase


@tagged("post_install", "-at_install")
class TestMarketingPhoneCampaignAccess(MarketingPhoneCampaignCase):
    def test_marketing_user_runs_a_campaign(self):
        campaign = self.create_campaign()
        campaign.action_start()
        campaign._add_targets({"crm.lead": self.leads[:3].ids})
        self.assertEqual(campaign.call_count, 3)
        campaign.action_close()
        self.assertEqual(campaign.state, "done")

    def test_only_managers_delete_campaigns(self):
        campaign = self.create_campaign()
        with self.assertRaises(AccessError):
            campaign.unlink()

    def test_salesperson_reads_the_campaign_of_a_call_but_cannot_run_one(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:1].ids})
        as_salesperson = campaign.with_user(self.salesperson)
        self.assertEqual(as_salesperson.name, "PC campaign")
        with self.assertRaises(AccessError):
            self.env["marketing.phone.campaign"].with_user(self.salesperson).create({"name": "PC mine"})
        with self.assertRaises(AccessError):
            as_salesperson.write({"caller_ids": [(4, self.salesperson.id)]})
        with self.assertRaises(AccessError):
            self.env["marketing.phone.campaign.add"].with_user(self.salesperson).create(
                {"campaign_id": campaign.id, "res_model": "crm.lead", "res_ids": self.leads.ids}
            )

    def test_caller_without_marketing_rights_makes_the_call_in_the_activities(self):
        campaign = self.create_campaign()
        campaign._add_targets({"crm.lead": self.leads[:1].ids})
        call = self.leads[0].activity_ids
        caller = call.user_id
        self.assertFalse(caller.has_group("marketing_campaigns.group_marketing_campaigns_user"))
        my_calls = self.env["mail.activity"].with_user(caller).search([("user_id", "=", caller.id)])
        self.assertIn(call, my_calls)
        call.with_user(caller).action_record_outcome(self.interested.id, "Wants a demonstration.")
        campaign.invalidate_recordset()
        self.assertEqual(campaign.call_done_count, 1)

    def test_add_action_is_offered_to_marketing_users_only(self):
        action = self.env.ref("marketing_campaigns.marketing_phone_campaign_add_action_lead")

        def bound(user):
            actions = self.env["ir.actions.actions"].with_user(user).get_bindings("crm.lead").get("action", [])
            return action.id in [bound_action["id"] for bound_action in actions]

        self.assertTrue(bound(self.marketer))
        self.assertFalse(bound(self.salesperson))

    def test_campaigns_of_another_company_are_not_seen(self):
        other_company = self.env["res.company"].create({"name": "PC other company"})
        campaign = self.create_campaign()
        campaign.sudo().company_id = other_company  # the marketer may not move it to a company of his
        self.assertFalse(
            self.env["marketing.phone.campaign"].with_user(self.marketer).search([("id", "=", campaign.id)])
        )
