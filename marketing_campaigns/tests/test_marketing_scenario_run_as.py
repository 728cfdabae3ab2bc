from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MarketingScenarioCase


@tagged("post_install", "-at_install")
class TestMarketingScenarioRunAs(MarketingScenarioCase):
    """A scenario acts, and renders its e-mails, as its Run As user: the manager who configured
    it, not the marketing user who starts it, and never the superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's setting "restrict template rendering": placeholders beyond the simple ones
        # are for the group Mail Template Editor only (which it takes away from every user).
        cls.env["ir.config_parameter"].set_param("mail.restrict.template.rendering", True)
        cls.editor_group = cls.env.ref("mail.group_mail_template_editor")
        cls.template.subject = "Welcome {{ object.contact_name or object.name }}"

    def test_a_marketing_user_starts_a_scenario_rendered_as_its_manager(self):
        self.manager.group_ids = [(4, self.editor_group.id)]
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        self.assertEqual(scenario.user_id, self.manager, "Run As is the manager who made it")
        self.assertFalse(self.marketer.has_group("mail.group_mail_template_editor"))

        self.start(scenario)
        participant = self.enrol(scenario, self.ann)
        self.run_all()

        self.assertEqual(scenario.user_id, self.manager, "starting it does not make the starter its Run As")
        self.assertEqual(participant.state, "completed")
        self.assertEqual(self.outgoing_mails(self.ann).subject, "Welcome Ann")

    def test_a_run_as_user_who_may_not_render_the_template_is_said_at_start(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        with self.assertRaisesRegex(UserError, "Marion Manager.*Mail Template Editor"):
            self.start(scenario)
        self.assertEqual(scenario.state, "draft")

    def test_simple_placeholders_need_no_template_editor(self):
        self.template.subject = "Welcome {{ object.contact_name }}"
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        self.start(scenario)
        self.enrol(scenario, self.ann)
        self.run_all()
        self.assertEqual(self.outgoing_mails(self.ann).subject, "Welcome Ann")

    def test_a_scenario_never_runs_as_the_system_user(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        scenario.user_id = self.env.ref("base.user_root")
        with self.assertRaisesRegex(UserError, "the system's own user"):
            self.start(scenario)

    def test_only_a_settings_manager_makes_a_scenario_run_as_someone_else(self):
        scenario, _steps = self.create_scenario([("mail", self.mail_step())])
        with self.assertRaisesRegex(UserError, "settings manager"):
            scenario.with_user(self.manager).user_id = self.marketer
        scenario.with_user(self.env.ref("base.user_admin")).user_id = self.marketer
        self.assertEqual(scenario.user_id, self.marketer)
