import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common_extras import CrmLeadsExtrasCase

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


class TestCrmCatalog(CrmLeadsExtrasCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalog_type = cls.env["crm.catalog.type"].create({"name": "Garden furniture"})
        cls.catalog = cls.env["crm.catalog"].create(
            {
                "name": "Garden 2026",
                "catalog_type_id": cls.catalog_type.id,
                "pdf_file": base64.b64encode(PDF),
                "pdf_filename": "garden_2026.pdf",
            }
        )
        cls.anna = cls.Partner.create({"name": "Anna Open", "email": "anna@example.com"})
        cls.bob = cls.Partner.create({"name": "Bob Blocked", "email": "Bob@Example.com"})
        cls.carl = cls.Partner.create({"name": "Carl Nomail"})
        cls.env["mail.blacklist"]._add("bob@example.com")

    def send_wizard(self, partners, user=None):
        env = self.env(user=user) if user else self.env
        return env["crm.catalog.send"].create({"catalog_id": self.catalog.id, "partner_ids": [(6, 0, partners.ids)]})

    def sent_mails(self):
        return self.env["mail.mail"].search([("model", "=", "crm.catalog"), ("res_id", "=", self.catalog.id)])

    def test_a_blacklisted_contact_is_skipped_by_catalog_sending(self):
        self.send_wizard(self.anna | self.bob | self.carl, user=self.salesman).action_send()
        self.assertEqual(self.sent_mails().recipient_ids, self.anna)

    def test_do_not_email_ticked_on_a_lead_skips_the_contact_with_that_address(self):
        lead = self.env["crm.lead"].create(
            {"name": "Anna asks", "type": "lead", "email_from": "ANNA@example.com", "user_id": self.salesman.id}
        )
        lead.with_user(self.salesman).do_not_email = True
        self.assertTrue(self.anna.do_not_email, "one address, one wish: the contact shares it")
        wizard = self.send_wizard(self.anna | self.carl, user=self.salesman)
        self.assertEqual(wizard.blacklisted_count, 1)
        with self.assertRaises(UserError):
            wizard.action_send()
        self.assertFalse(self.sent_mails())

    def test_the_result_message_counts_the_contacts_left_out(self):
        result = self.send_wizard(self.anna | self.bob | self.carl).action_send()
        message = result["params"]["message"]
        self.assertIn("sent to 1 contact(s)", message)
        self.assertIn("1 contact(s) who asked for no e-mail were left out", message)
        self.assertIn("1 contact(s) without e-mail address were left out", message)

    def test_the_dialog_warns_before_sending(self):
        wizard = self.send_wizard(self.anna | self.bob | self.carl)
        self.assertEqual((wizard.blacklisted_count, wizard.no_email_count), (1, 1))

    def test_each_contact_gets_the_send_catalog_template_with_the_pdf(self):
        self.send_wizard(self.anna | self.prospect_contact).action_send()
        mails = self.sent_mails()
        self.assertEqual(len(mails), 2, "one e-mail a contact, so that nobody sees the others' addresses")
        mail_to_anna = mails.filtered(lambda mail: mail.recipient_ids == self.anna)
        self.assertEqual(mail_to_anna.subject, "Garden 2026")
        self.assertIn("Anna Open", mail_to_anna.body_html)
        self.assertEqual(mail_to_anna.attachment_ids.mapped("name"), ["garden_2026.pdf"])
        self.assertEqual(base64.b64decode(mail_to_anna.attachment_ids.datas), PDF)

    def test_sending_to_nobody_reachable_says_what_to_do(self):
        with self.assertRaisesRegex(UserError, "Choose other contacts"):
            self.send_wizard(self.bob | self.carl).action_send()

    def test_a_catalog_without_pdf_cannot_be_shown_or_sent(self):
        empty = self.env["crm.catalog"].create({"name": "Coming soon"})
        with self.assertRaisesRegex(UserError, "has no PDF yet"):
            empty.action_show_pdf()
        with self.assertRaisesRegex(UserError, "has no PDF yet"):
            empty.action_send_by_email()

    def test_show_pdf_opens_the_file_in_the_browser(self):
        action = self.catalog.action_show_pdf()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/web/content/crm.catalog/{self.catalog.id}/pdf_file/garden_2026.pdf")
        self.catalog.pdf_filename = "Jardin #2 été?.pdf"
        url = self.catalog.action_show_pdf()["url"]
        self.assertEqual(
            url, f"/web/content/crm.catalog/{self.catalog.id}/pdf_file/Jardin%20%232%20%C3%A9t%C3%A9%3F.pdf"
        )

    def test_only_pdf_files_are_accepted(self):
        with self.assertRaisesRegex(ValidationError, "must be a PDF"):
            self.catalog.pdf_filename = "garden.docx"

    def test_send_opens_with_the_send_catalog_template(self):
        context = self.catalog.action_send_by_email()["context"]
        wizard = self.env["crm.catalog.send"].with_context(**context).create({"partner_ids": [(6, 0, self.anna.ids)]})
        self.assertEqual(wizard.template_id, self.env.ref("crm_leads.mail_template_send_catalog"))

    def test_catalogs_are_readable_by_every_crm_user_and_kept_by_managers(self):
        for user in (self.salesman, self.reader):
            self.assertEqual(self.catalog.with_user(user).read(["name"])[0]["name"], "Garden 2026")
            with self.assertRaises(AccessError):
                self.catalog.with_user(user).write({"name": "Renamed"})
        self.catalog.with_user(self.manager).write({"name": "Garden 2026 v2"})
        self.assertEqual(self.catalog.name, "Garden 2026 v2")

    def test_catalogs_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        self.catalog.company_id = other_company
        self.assertFalse(self.env["crm.catalog"].with_user(self.salesman).search([("id", "=", self.catalog.id)]))

    def test_catalogs_stay_hidden_until_the_setting_is_turned_on(self):
        group = self.env.ref("crm_leads.group_crm_leads_catalog")
        self.assertEqual(self.env.ref("crm_leads.crm_catalog_menu").group_ids, group)
        self.env["res.config.settings"].create({"group_crm_leads_catalog": False}).execute()
        self.assertFalse(self.salesman.has_group("crm_leads.group_crm_leads_catalog"))
        self.env["res.config.settings"].create({"group_crm_leads_catalog": True}).execute()
        self.assertTrue(self.salesman.has_group("crm_leads.group_crm_leads_catalog"))
