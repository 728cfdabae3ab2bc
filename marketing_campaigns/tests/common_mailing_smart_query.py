from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs


class MailingSmartQueryCase(TransactionCase):
    """A marketing user, contacts and leads with addresses, and a query on the contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True))
        cls.marketer = new_test_user(
            cls.env,
            login="mcq_marketer",
            groups="base.group_user,marketing_campaigns.group_marketing_campaigns_user",
            name="Marie Marketing",
            email="marie@example.com",
        )
        cls.partner_model = cls.env["ir.model"]._get("res.partner")
        cls.partner_fields = cls.env["ir.model.fields"]._get_ids("res.partner")
        cls.france, cls.belgium = cls.env.ref("base.fr"), cls.env.ref("base.be")
        cls.Partner = cls.env["res.partner"]
        cls.lyon, cls.paris, cls.brussels = cls.Partner.create(
            [
                {"name": "MCQ Lyon", "email": "lyon@example.com", "country_id": cls.france.id},
                {"name": "MCQ Paris", "email": "paris@example.com", "country_id": cls.france.id},
                {"name": "MCQ Brussels", "email": "brussels@example.com", "country_id": cls.belgium.id},
            ]
        )
        cls.query = (
            cls.env["smart.query"]
            .with_user(cls.marketer)
            .create(
                {
                    "name": "MCQ contacts of a country",
                    "model_id": cls.partner_model.id,
                    "domain": "[('name', 'like', 'MCQ ')]",
                    "param_ids": [
                        Command.create(
                            {
                                "field_id": cls.partner_fields["country_id"],
                                "operator": "=",
                                "label": "Country",
                                "required": True,
                                "default_value": str(cls.france.id),
                            }
                        )
                    ],
                }
            )
        )

    def create_mailing(self, query=None, values=None, user=None):
        """A draft mailing fed by `query`, its parameters given `values` ({name: raw value})."""
        query = query or self.query
        mailing = (
            self.env["mailing.mailing"]
            .with_user(user or self.marketer)
            .create(
                {
                    "subject": "MCQ news",
                    "body_html": "<p>News</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id(query.model_name),
                    "smart_query_id": query.id,
                }
            )
        )
        for value in mailing.smart_query_value_ids:
            if value.param_id.name in (values or {}):
                field = self.env["smart.query.launch.line"]._value_field(value.param_type)
                value[field] = values[value.param_id.name]
        return mailing

    def traces(self, mailing):
        return self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])

    def received(self, mailing):
        """The records the mailing went out to (traces not canceled)."""
        traces = self.traces(mailing).filtered(lambda trace: trace.trace_status != "cancel")
        return self.env[mailing.mailing_model_real].browse(traces.mapped("res_id"))

    def run_trigger(self, trigger):
        """Run the trigger as queue_job's runner would, its jobs performed here."""
        with trap_jobs() as trap:
            trigger._enqueue_run()
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
