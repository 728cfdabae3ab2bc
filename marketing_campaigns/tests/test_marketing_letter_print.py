from lxml import html

from odoo.exceptions import UserError

from .marketing_mail_merge_common import MailMergeCase

REPORT = "marketing_campaigns.marketing_letter_report"


class TestMarketingLetterPrint(MailMergeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["marketing.letter.template"].create(
            {
                "name": "MM invitation",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "body_html": '<p>Chère <t t-out="object.name"/>, à bientôt à <t t-out="object.city"/>.</p>',
            }
        )

    def letter_wizard(self, records, **values):
        Wizard = self.env["marketing.letter.print"].with_user(self.marketer)
        context = {"active_model": records._name, "active_ids": records.ids}
        return Wizard.with_context(**context).create({"template_id": self.template.id, **values})

    def render_letters(self, wizard):
        """The report as the browser shows it (wkhtmltopdf is not needed): one article a letter."""
        report_html, report_type = (
            self.env["ir.actions.report"].with_user(self.marketer)._render_qweb_html(REPORT, wizard.ids)
        )
        self.assertEqual(report_type, "html")
        return html.fromstring(report_html).xpath("//div[contains(@class, 'article')]")

    def test_one_letter_per_record_with_its_fields(self):
        letters = self.render_letters(self.letter_wizard(self.helene | self.liege))
        self.assertEqual(len(letters), 2)
        self.assertIn("Chère Hélène Lefèvre, à bientôt à Besançon.", letters[0].text_content())
        self.assertIn("Chère Brasserie Liégeoise, à bientôt à Liège.", letters[1].text_content())
        self.assertNotIn("Liège", letters[0].text_content())

    def test_letters_are_printed_under_the_company_letterhead(self):
        letters = self.render_letters(self.letter_wizard(self.helene))
        page = letters[0].xpath(".//div[contains(@class, 'o_marketing_letter')]")
        self.assertTrue(page, "the letter is the page of web.external_layout's article")
        header = letters[0].getparent().xpath("//div[contains(@class, 'header')]")
        self.assertIn(self.env.company.name, header[0].text_content())

    def test_record_values_are_escaped(self):
        self.helene.name = "<b>Hélène</b>"
        letters = self.render_letters(self.letter_wizard(self.helene))
        self.assertIn("Chère <b>Hélène</b>,", letters[0].text_content())
        self.assertFalse(letters[0].xpath(".//b"))

    def test_letters_for_a_smart_query_records(self):
        query = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create(
                {
                    "name": "MM in Besançon",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "domain": "[('city', '=', 'Besançon')]",
                }
            )
        )
        wizard = (
            self.env["marketing.letter.print"]
            .with_user(self.marketer)
            .create({"query_id": query.id, "template_id": self.template.id})
        )
        letters = self.render_letters(wizard)
        self.assertEqual(len(letters), 1)
        self.assertIn("Hélène Lefèvre", letters[0].text_content())

    def test_a_letter_for_another_kind_of_record_is_refused(self):
        lead = self.env["crm.lead"].create({"name": "MM lead", "user_id": self.marketer.id})
        wizard = self.letter_wizard(lead)
        with self.assertRaisesRegex(UserError, "is written for Contact, not for Lead"):
            wizard.action_print()

    def test_print_returns_the_pdf_report_action(self):
        action = self.letter_wizard(self.helene).action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "marketing_campaigns.marketing_letter_report_document")

    def test_without_wkhtmltopdf_the_pdf_fails_with_odoo_message(self):
        Report = self.env["ir.actions.report"]
        if Report.get_wkhtmltopdf_state() != "install":
            self.skipTest("wkhtmltopdf is installed: the PDF is made")
        with self.assertRaisesRegex(UserError, "Unable to find Wkhtmltopdf"):
            Report.with_context(force_report_rendering=True)._render_qweb_pdf(
                REPORT, self.letter_wizard(self.helene).ids
            )

    def test_marketing_users_read_templates_but_do_not_change_them(self):
        template = self.template.with_user(self.marketer)
        self.assertEqual(template.name, "MM invitation")
        self.assertFalse(template.has_access("write"))
