from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs


class SmartQueryCase(TransactionCase):
    """Two internal users, a few partners and helpers to build queries on partners."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Query = cls.env["smart.query"]
        cls.partner_model = cls.env["ir.model"]._get("res.partner")
        cls.partner_fields = cls.env["ir.model.fields"]._get_ids("res.partner")
        cls.owner = new_test_user(cls.env, login="sq_owner", groups="base.group_user", name="Olivia Owner")
        cls.colleague = new_test_user(cls.env, login="sq_colleague", groups="base.group_user", name="Colin Colleague")
        cls.manager = new_test_user(
            cls.env, login="sq_manager", groups="base.group_user,smart_queries.group_smart_query_manager"
        )
        cls.france = cls.env.ref("base.fr")
        cls.belgium = cls.env.ref("base.be")
        cls.lyon = cls.env["res.partner"].create(
            {"name": "SQ Lyon Bakery", "is_company": True, "country_id": cls.france.id, "city": "Lyon"}
        )
        cls.brussels = cls.env["res.partner"].create(
            {"name": "SQ Brussels Chocolates", "is_company": True, "country_id": cls.belgium.id}
        )

    @classmethod
    def create_query(cls, user=None, columns=(), params=(), **values):
        """A query on partners owned by ``user`` (the owner by default), created with their rights."""
        user = user or cls.owner
        values = {
            "name": "SQ partners",
            "model_id": cls.partner_model.id,
            "domain": "[('name', 'like', 'SQ ')]",
            "column_ids": [
                Command.create({"sequence": index, "field_id": cls.partner_fields[name]})
                for index, name in enumerate(columns)
            ],
            "param_ids": [Command.create(param) for param in params],
            **values,
        }
        return cls.Query.with_user(user).create(values)

    @staticmethod
    def generated_list(query):
        """The list view generated for `query`: the field is for administrators only."""
        return query.sudo().list_view_id  # read as the tests' administrator, whoever made the query

    def run_trigger(self, trigger):
        """Queue a run of `trigger` and perform its jobs, and the jobs they queue, as the job
        runner would; return the run log."""
        with trap_jobs() as trap:
            trigger._enqueue_run()
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        return self.env["smart.query.run"].search([("trigger_id", "=", trigger.id), ("dry_run", "=", False)], limit=1)
