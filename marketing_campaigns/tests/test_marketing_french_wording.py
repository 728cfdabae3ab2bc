from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMarketingFrenchWording(TransactionCase):
    """French says a state in the singular (one step, one participant, one e-mail) and a counter
    in the plural: the two never share one English word."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["marketing_campaigns"], ["fr_FR"], overwrite=True)
        cls.french = cls.env(context={"lang": "fr_FR"})

    def state_label(self, model, field, value):
        return dict(self.french[model]._fields[field]._description_selection(self.french))[value]

    def field_label(self, model, field):
        return self.french[model].fields_get([field], ["string"])[field]["string"]

    def test_a_state_is_said_in_the_singular(self):
        self.assertEqual(self.state_label("marketing.scenario.trace", "state", "skipped"), "Ignorée")
        self.assertEqual(self.state_label("marketing.scenario.trace", "state", "done"), "Terminée")
        self.assertEqual(self.state_label("marketing.scenario.participant", "state", "completed"), "Terminé")
        self.assertEqual(self.state_label("mailing.trace", "marketing_outcome", "sent"), "Envoyé")
        self.assertEqual(self.state_label("mailing.trace", "marketing_outcome", "opened"), "Ouvert")

    def test_a_counter_is_said_in_the_plural(self):
        self.assertEqual(self.field_label("marketing.scenario.step", "skipped_count"), "Participants ignorés")
        self.assertEqual(self.field_label("marketing.scenario.step", "sent_count"), "E-mails envoyés")
        self.assertEqual(self.field_label("marketing.scenario.step", "opened_count"), "E-mails ouverts")
        self.assertEqual(self.field_label("marketing.scenario.step", "clicked_count"), "E-mails cliqués")
        self.assertEqual(self.field_label("marketing.scenario.step", "replied_count"), "Réponses")
        self.assertEqual(self.field_label("marketing.scenario.step", "bounced_count"), "Rejets")
        self.assertEqual(self.field_label("marketing.scenario", "completed_count"), "Terminés")
        self.assertEqual(self.field_label("marketing.phone.campaign", "call_done_count"), "Appels passés")
