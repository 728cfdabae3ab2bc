import base64

from odoo.exceptions import UserError, ValidationError

from .common_extras import CrmLeadsExtrasCase


class TestCrmLeadImport(CrmLeadsExtrasCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.known_lead = cls.Lead.create(
            {
                "name": "Known lead",
                "type": "lead",
                "email_from": "known@lx-import.example.com",
                "partner_name": "Old name",
                "user_id": cls.salesman.id,
            }
        )

    def wizard_for(self, text, target="crm.lead", user=None, encoding="utf-8", lang="en_US", **values):
        env = self.env(user=user or self.salesman, context=dict(self.env.context, lang=lang))
        wizard = env["crm.lead.import"].create(
            {
                "target_model": target,
                "csv_file": base64.b64encode(text.encode(encoding)),
                "csv_filename": "in.csv",
                **values,
            }
        )
        wizard.action_read_file()
        return wizard

    def mapping(self, wizard):
        return {column.header: column.import_field_id.name for column in wizard.column_ids}

    def set_keys(self, wizard, *headers):
        wizard.column_ids.filtered(lambda column: column.header in headers).is_key = True

    def imported(self, email):
        return self.Lead.search([("email_from", "=", email)])

    def test_columns_named_like_fields_are_mapped_by_name_or_label(self):
        wizard = self.wizard_for("name;Email;Company Name;Expected Revenue;whatever\nA;a@x.com;Acme;10;z\n")
        self.assertEqual(
            self.mapping(wizard),
            {"name": "name", "Email": "email_from", "Company Name": "partner_name",
             "Expected Revenue": "expected_revenue", "whatever": False},
        )  # fmt: skip

    def test_french_headers_are_mapped_by_their_french_label(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["crm"], ["fr_FR"], overwrite=True)
        wizard = self.wizard_for("Nom du contact;E-mail\nLéa;lea@x.com\n", lang="fr_FR")
        self.assertEqual(self.mapping(wizard), {"Nom du contact": "contact_name", "E-mail": "email_from"})

    def test_a_csv_with_a_malformed_line_imports_the_others_and_reports_that_line(self):
        wizard = self.wizard_for(
            "name,email_from,expected_revenue\n"
            "First,first@lx-import.example.com,100\n"
            'Broken,"broken@lx-import.example.com,200\n'
            "Third,third@lx-import.example.com,300\n"
            "Fourth,fourth@lx-import.example.com,400,extra\n"
        )
        wizard.action_import()
        self.assertTrue(self.imported("first@lx-import.example.com"))
        self.assertTrue(self.imported("third@lx-import.example.com"))
        self.assertFalse(self.Lead.search([("name", "in", ("Broken", "Fourth"))]))
        self.assertEqual((wizard.created_count, wizard.error_count), (2, 2))
        errors = wizard.line_ids.sorted("line_number")
        self.assertEqual(errors.mapped("line_number"), [3, 5])
        self.assertIn("A quote opened on this line is never closed", errors[0].message)
        self.assertIn("This line has 4 columns where the header has 3", errors[1].message)

    def test_a_quoted_value_may_span_lines_and_later_lines_keep_their_numbers(self):
        wizard = self.wizard_for(
            "name,email_from,description\n"
            'Multi,multi@lx-import.example.com,"first line\nsecond line"\n'
            "Bad,bad@lx-import.example.com,a,b\n"
            'Jean O"Brien,obrien@lx-import.example.com,a quote inside a value is only a character\n'
        )
        wizard.action_import()
        self.assertEqual(self.imported("obrien@lx-import.example.com").name, 'Jean O"Brien')
        self.assertIn("first line\nsecond line", self.imported("multi@lx-import.example.com").description)
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.outcome == "error").line_number, 4)

    def test_a_value_odoo_cannot_convert_fails_its_line_with_the_reason(self):
        wizard = self.wizard_for(
            "name,email_from,expected_revenue\nGood,good@lx-import.example.com,100\nBad,bad@lx-import.example.com,lots\n"
        )
        wizard.action_import()
        self.assertTrue(self.imported("good@lx-import.example.com"))
        self.assertFalse(self.imported("bad@lx-import.example.com"), "nothing of a failing line is kept")
        self.assertEqual(wizard.line_ids.line_number, 3)
        self.assertIn("lots", wizard.line_ids.message)

    def test_imported_leads_are_leads(self):
        self.wizard_for("name,email_from\nNew,new@lx-import.example.com\n").action_import()
        lead = self.imported("new@lx-import.example.com")
        self.assertEqual((lead.type, lead.lead_status_id), ("lead", self.env.ref("crm_leads.crm_lead_status_new")))

    def test_a_key_match_is_kept_when_asked_to_keep(self):
        wizard = self.wizard_for("email_from,partner_name\nKNOWN@lx-import.example.com ,New name\n")
        self.set_keys(wizard, "email_from")
        wizard.action_import()
        self.assertEqual(self.known_lead.partner_name, "Old name")
        self.assertEqual((wizard.skipped_count, wizard.created_count), (1, 0))

    def test_a_key_match_is_updated_when_asked_to_update(self):
        wizard = self.wizard_for(
            "email_from,partner_name\nknown@lx-import.example.com,New name\n", existing_policy="update"
        )
        self.set_keys(wizard, "email_from")
        wizard.action_import()
        self.assertEqual(self.known_lead.partner_name, "New name")
        self.assertEqual((wizard.updated_count, wizard.created_count), (1, 0))
        self.assertEqual(len(self.imported("known@lx-import.example.com")), 1)

    def test_a_key_repeated_in_the_file_creates_one_record(self):
        wizard = self.wizard_for(
            "name,email_from\nTwice,twice@lx-import.example.com\nTwice again,twice@lx-import.example.com\n",
            existing_policy="update",
        )
        self.set_keys(wizard, "email_from")
        wizard.action_import()
        self.assertEqual(self.imported("twice@lx-import.example.com").name, "Twice again")

    def test_preview_shows_each_outcome_and_imports_nothing(self):
        wizard = self.wizard_for(
            "name,email_from,expected_revenue\n"
            "Fresh,fresh@lx-import.example.com,1\n"
            "Known,known@lx-import.example.com,2\n"
            "Bad,bad@lx-import.example.com,lots\n"
        )
        self.set_keys(wizard, "email_from")
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("outcome"), ["create", "skip", "error"])
        self.assertFalse(self.imported("fresh@lx-import.example.com"))
        self.assertTrue(wizard.is_preview)
        wizard.existing_policy = "update"
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("outcome"), ["create", "update", "error"])
        self.assertEqual(self.known_lead.name, "Known lead")

    def test_contacts_are_imported_with_the_same_keys(self):
        self.Partner.create({"name": "Jeanne Known", "email": "jeanne@lx-import.example.com"})
        wizard = self.wizard_for(
            "Name,Email,Phone\nJeanne Known,jeanne@lx-import.example.com,0102030405\nNew Person,new.person@lx-import.example.com,\n",
            target="res.partner",
            existing_policy="update",
        )
        self.set_keys(wizard, "Email")
        wizard.action_import()
        jeanne = self.Partner.search([("email", "=", "jeanne@lx-import.example.com")])
        self.assertEqual((len(jeanne), jeanne.phone), (1, "0102030405"))
        self.assertTrue(self.Partner.search([("email", "=", "new.person@lx-import.example.com")]))

    def test_a_spreadsheet_saved_in_windows_encoding_is_read(self):
        wizard = self.wizard_for("name;email_from\nSociété Générale;sg@lx-import.example.com\n", encoding="cp1252")
        wizard.action_import()
        self.assertEqual(self.imported("sg@lx-import.example.com").name, "Société Générale")

    def test_a_unicode_text_export_is_read_and_an_unknown_encoding_says_what_to_do(self):
        wizard = self.wizard_for("name;email_from\nÉtoile;etoile@lx-import.example.com\n", encoding="utf-16")
        wizard.action_import()
        self.assertEqual(self.imported("etoile@lx-import.example.com").name, "Étoile")
        with self.assertRaisesRegex(UserError, "save it as “CSV UTF-8”"):
            self.env["crm.lead.import"].with_user(self.salesman).create(
                {"target_model": "crm.lead", "csv_file": base64.b64encode(b"name\n\x81\x8d\n"), "csv_filename": "x.csv"}
            ).action_read_file()

    def test_only_text_columns_can_be_keys(self):
        wizard = self.wizard_for("name,expected_revenue\nA,1\n")
        with self.assertRaisesRegex(ValidationError, "cannot be a key"):
            self.set_keys(wizard, "expected_revenue")

    def test_importing_without_any_mapped_column_says_what_to_do(self):
        wizard = self.wizard_for("foo,bar\n1,2\n")
        with self.assertRaisesRegex(UserError, "Map at least one column"):
            wizard.action_import()
