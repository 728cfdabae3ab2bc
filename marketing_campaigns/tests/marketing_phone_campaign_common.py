from odoo.tests import TransactionCase, new_test_user


class MarketingPhoneCampaignCase(TransactionCase):
    """A marketing user, three callers, a salesperson, and leads to call: with a phone number,
    without one, and one who asked not to be called."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        cls.call_type.outcome_required = True
        cls.interested = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_interested")
        cls.not_interested = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_not_interested")
        cls.call_back = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_back")
        cls.marketer = new_test_user(
            cls.env,
            login="pc_marketer",
            name="Marion Marketer",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads,marketing_campaigns.group_marketing_campaigns_user",
        )
        cls.callers = cls.env["res.users"]
        for login, name in (("pc_caller_a", "Ada Caller"), ("pc_caller_b", "Bob Caller"), ("pc_caller_c", "Cy Caller")):
            cls.callers |= new_test_user(
                cls.env, login=login, name=name, groups="base.group_user,sales_team.group_sale_salesman_all_leads"
            )
        cls.salesperson = new_test_user(
            cls.env,
            login="pc_salesperson",
            name="Sam Salesperson",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.france = cls.env.ref("base.fr")
        cls.leads = cls.env["crm.lead"].create(
            [
                {"name": f"PC lead {index}", "phone": f"+33 1 45 67 89 {index:02d}", "country_id": cls.france.id}
                for index in range(6)
            ]
        )
        cls.lead_without_phone = cls.env["crm.lead"].create({"name": "PC lead without phone"})
        cls.lead_do_not_call = cls.env["crm.lead"].create(
            {"name": "PC lead do not call", "phone": "+33 1 45 67 88 99", "country_id": cls.france.id}
        )
        cls.lead_do_not_call.do_not_call = True

    @classmethod
    def create_campaign(cls, **values):
        return (
            cls.env["marketing.phone.campaign"]
            .with_user(cls.marketer)
            .create({"name": "PC campaign", "caller_ids": [(6, 0, cls.callers.ids)], **values})
        )

    @staticmethod
    def calls(campaign, **domain):
        """The calls of `campaign`, made or not."""
        conditions = [("phone_campaign_id", "=", campaign.id)] + [(name, "=", value) for name, value in domain.items()]
        return campaign.env["mail.activity"].with_context(active_test=False).search(conditions)
