from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs


class PipelineAutomationCase(TransactionCase):
    """A pipeline of its own (the demo triggers watch another), its stages, a sales manager who
    makes the triggers, a team leader, two salespeople, and helpers to fire events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_notrack=False, mail_create_nolog=True))
        cls.Lead = cls.env["crm.lead"]
        cls.Trigger = cls.env["crm.pipeline.trigger"]
        cls.Log = cls.env["crm.pipeline.trigger.log"]
        cls.manager = new_test_user(
            cls.env, login="cpa_manager", groups="sales_team.group_sale_manager", name="Mona Manager",
            email="mona@example.com",
        )  # fmt: skip
        cls.leader = new_test_user(
            cls.env, login="cpa_leader", groups="sales_team.group_sale_salesman_all_leads", name="Leo Leader",
            email="leo@example.com",
        )  # fmt: skip
        cls.salesman = new_test_user(
            cls.env, login="cpa_salesman", groups="sales_team.group_sale_salesman_all_leads", name="Sam Salesman",
            email="sam@example.com",
        )  # fmt: skip
        cls.admin_clerk = new_test_user(
            cls.env, login="cpa_clerk", groups="sales_team.group_sale_salesman_all_leads", name="Ada Administration",
            email="ada@example.com",
        )  # fmt: skip
        cls.team = cls.env["crm.team"].create({"name": "CPA pipeline", "user_id": cls.leader.id})
        cls.other_team = cls.env["crm.team"].create({"name": "CPA other pipeline"})
        Stage = cls.env["crm.stage"]
        cls.stage_new, cls.stage_r1, cls.stage_r2, cls.stage_won = Stage.create(
            [
                {"name": "CPA New", "sequence": 1, "team_ids": [Command.link(cls.team.id)]},
                {"name": "CPA R1", "sequence": 2, "team_ids": [Command.link(cls.team.id)]},
                {"name": "CPA R2", "sequence": 3, "team_ids": [Command.link(cls.team.id)]},
                {"name": "CPA Won", "sequence": 4, "is_won": True, "team_ids": [Command.link(cls.team.id)]},
            ]
        )
        cls.stage_other = Stage.create({"name": "CPA Other", "team_ids": [Command.link(cls.other_team.id)]})
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        # The demo data makes calls record an outcome; the trigger tests mark calls done without one.
        cls.call.outcome_required = False
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.tag = cls.env["crm.tag"].create({"name": "CPA tagged"})
        cls.customer = cls.env["res.partner"].create({"name": "CPA Customer", "email": "customer@example.com"})
        cls.template = cls.env["mail.template"].create(
            {
                "name": "CPA template",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "subject": "About {{ object.name }}",
                "body_html": "<p>Hello</p>",
            }
        )

    # ------------------------------------------------------------
    # Fixtures
    # ------------------------------------------------------------

    @classmethod
    def create_trigger(cls, event, actions=(), user=None, **values):
        """A trigger of the test pipeline, made by the sales manager (or ``user``)."""
        values = {
            "name": f"CPA {event}",
            "team_id": cls.team.id,
            "event": event,
            "action_ids": [Command.create(action) for action in actions],
            **values,
        }
        return cls.Trigger.with_user(user or cls.manager).create(values).with_user(cls.env.user)

    @classmethod
    def create_leads(cls, count=1, **values):
        leads = cls.Lead.create(
            [
                {
                    "name": f"CPA opportunity {index}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": cls.stage_new.id,
                    "user_id": cls.salesman.id,
                    "partner_id": cls.customer.id,
                    **values,
                }
                for index in range(count)
            ]
        )
        return leads

    @staticmethod
    def tag_action(tag):
        return {"kind": "tag", "tag_id": tag.id}

    # ------------------------------------------------------------
    # Events
    # ------------------------------------------------------------

    def commit_events(self):
        """What the commit of the user's transaction does: the events gathered are turned into
        logs and queued jobs; return the jobs queued (not performed)."""
        with trap_jobs() as trap:
            self.env.flush_all()
            self.env.cr.flush()
        return trap

    def run_jobs(self):
        """Commit the events and perform the jobs queued, and those they queue, as a worker would."""
        with trap_jobs() as trap:
            self.env.flush_all()
            self.env.cr.flush()
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
                self.env.flush_all()
                self.env.cr.flush()
        return trap

    def logs(self, trigger, leads=None):
        domain = [("trigger_id", "=", trigger.id)]
        if leads is not None:
            domain.append(("lead_id", "in", leads.ids))
        return self.Log.search(domain)

    def assertFiredOnce(self, trigger, leads):
        """One log per opportunity, none twice, none for another opportunity."""
        logs = self.logs(trigger)
        self.assertEqual(sorted(logs.lead_id.ids), sorted(leads.ids))
        self.assertEqual(len(logs), len(leads), "a trigger fires once per event and opportunity")
