from odoo import Command
from odoo.tests import TransactionCase, new_test_user


def turn_leads_on(env):
    """Turn on CRM's "Leads" setting, as an administrator does before qualifying leads: the
    addon leaves it to them, and without it CRM makes opportunities only."""
    env.ref("base.group_user").implied_ids = [Command.link(env.ref("crm.group_use_lead").id)]


class CrmLeadsCase(TransactionCase):
    """Statuses of the shipped data, a salesman and a few leads, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        turn_leads_on(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Status = cls.env["crm.lead.status"]
        cls.Lead = cls.env["crm.lead"]
        cls.status_new = cls.env.ref("crm_leads.crm_lead_status_new")
        cls.status_marketing = cls.env.ref("crm_leads.crm_lead_status_marketing_qualification")
        cls.status_sales = cls.env.ref("crm_leads.crm_lead_status_sales_qualification")
        cls.status_nurturing = cls.env.ref("crm_leads.crm_lead_status_nurturing")
        cls.status_converted = cls.env.ref("crm_leads.crm_lead_status_converted")
        cls.status_lost = cls.env.ref("crm_leads.crm_lead_status_lost")
        cls.salesman = new_test_user(
            cls.env, login="crm_leads_salesman", groups="sales_team.group_sale_salesman", name="Sally Salesman"
        )
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})

    @classmethod
    def create_lead(cls, name, **values):
        return cls.Lead.create({"name": name, "type": "lead", **values})

    def flush_tracking(self):
        """Run what a commit would: the chatter's tracking messages are written at that moment."""
        self.env.flush_all()
        self.env.cr.precommit.run()
