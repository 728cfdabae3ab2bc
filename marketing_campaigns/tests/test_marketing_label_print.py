from odoo.exceptions import AccessError, UserError, ValidationError

from .marketing_mail_merge_common import MailMergeCase


class TestMarketingLabelPrint(MailMergeCase):
    def test_labels_start_at_the_chosen_row_and_column(self):
        first, second = self.create_partners(2)
        pdf = self.print_labels(self.label_wizard(first | second, start_row=2, start_column=3))
        page = pdf.pages[0]
        self.assertIn("MM Contact 01", self.texts_in_box(page, self.label_box(self.format_3x8, 2, 3)))
        # The next label is the first of the next row.
        self.assertIn("MM Contact 02", self.texts_in_box(page, self.label_box(self.format_3x8, 3, 1)))
        used = [
            (row, column)
            for row in range(1, 9)
            for column in range(1, 4)
            if self.texts_in_box(page, self.label_box(self.format_3x8, row, column))
        ]
        self.assertEqual(used, [(2, 3), (3, 1)], "the labels already used on the sheet stay blank")

    def test_labels_fill_a_partly_used_sheet_then_new_sheets(self):
        partners = self.create_partners(30)
        # The 20th label is row 7, column 2: 5 labels left on the first sheet, 24 on the
        # second, the last one on a third.
        pdf = self.print_labels(self.label_wizard(partners, start_row=7, start_column=2))
        self.assertEqual(len(pdf.pages), 3)
        self.assertIn("MM Contact 01", self.texts_in_box(pdf.pages[0], self.label_box(self.format_3x8, 7, 2)))
        self.assertIn("MM Contact 05", self.texts_in_box(pdf.pages[0], self.label_box(self.format_3x8, 8, 3)))
        self.assertIn("MM Contact 06", self.texts_in_box(pdf.pages[1], self.label_box(self.format_3x8, 1, 1)))
        self.assertIn("MM Contact 30", self.texts_in_box(pdf.pages[2], self.label_box(self.format_3x8, 1, 1)))

    def test_twenty_labels_from_the_twentieth_take_two_sheets(self):
        pdf = self.print_labels(self.label_wizard(self.create_partners(20), start_row=7, start_column=2))
        self.assertEqual(len(pdf.pages), 2)

    def test_a_full_sheet_from_the_first_label_takes_one_page(self):
        pdf = self.print_labels(self.label_wizard(self.create_partners(24)))
        self.assertEqual(len(pdf.pages), 1)
        self.assertIn("MM Contact 24", self.texts_in_box(pdf.pages[0], self.label_box(self.format_3x8, 8, 3)))

    def test_records_without_address_are_listed_and_left_out(self):
        wizard = self.label_wizard(self.helene | self.nowhere | self.liege)
        self.assertEqual(wizard.label_count, 2)
        self.assertEqual(wizard.missing_address_count, 1)
        self.assertEqual(wizard.missing_address_names, "Noé Sans-Adresse")
        pdf = self.print_labels(wizard)
        texts = [text for _x, _y, text in self.texts_with_positions(pdf.pages[0])]
        self.assertIn("Brasserie Liégeoise", texts)
        self.assertNotIn("Noé Sans-Adresse", texts)

    def test_nothing_to_print_without_any_address(self):
        with self.assertRaisesRegex(UserError, "None of these records has a postal address"):
            self.label_wizard(self.nowhere).action_print()

    def test_accents_survive_in_the_pdf(self):
        pdf = self.print_labels(self.label_wizard(self.helene))
        texts = [text for _x, _y, text in self.texts_with_positions(pdf.pages[0])]
        self.assertEqual(texts, ["Hélène Lefèvre", "3 rue de l'Église", "Bâtiment Ç", "25000 Besançon"])

    def test_french_address_order_and_foreign_country_in_capitals(self):
        wizard = self.label_wizard(self.liege)
        self.assertEqual(
            wizard._get_addresses()[self.liege],
            ["Brasserie Liégeoise", "12 quai de la Batte", "4000 Liège", self.belgium.name.upper()],
        )

    def test_a_person_of_a_company_is_written_under_the_company(self):
        person = self.Partner.create({"name": "Léa Martin", "parent_id": self.liege.id, "type": "contact"})
        self.assertEqual(
            self.label_wizard(person)._get_addresses()[person][:3],
            ["Brasserie Liégeoise", "Léa Martin", "12 quai de la Batte"],
        )

    def test_lead_labels_name_the_company_and_the_contact(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Salon des vins",
                "user_id": self.marketer.id,
                "partner_name": "Caves Dupré",
                "contact_name": "Émile Dupré",
                "street": "8 place du Marché",
                "zip": "21200",
                "city": "Beaune",
                "country_id": self.france.id,
            }
        )
        wizard = self.label_wizard(lead)
        self.assertEqual(wizard.res_model, "crm.lead")
        self.assertEqual(
            wizard._get_addresses()[lead], ["Caves Dupré", "Émile Dupré", "8 place du Marché", "21200 Beaune"]
        )

    def test_labels_of_a_smart_query_records(self):
        self.create_partners(3, prefix="MM Query")
        query = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create(
                {
                    "name": "MM query",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "domain": "[('name', 'like', 'MM Query')]",
                }
            )
        )
        wizard = (
            self.env["marketing.label.print"]
            .with_user(self.marketer)
            .create({"res_model": "res.partner", "query_id": query.id, "format_id": self.format_3x8.id})
        )
        self.assertEqual(wizard.label_count, 3)
        texts = [text for _x, _y, text in self.texts_with_positions(self.print_labels(wizard).pages[0])]
        self.assertEqual(
            [text for text in texts if text.startswith("MM Query")], ["MM Query 01", "MM Query 02", "MM Query 03"]
        )

    def test_custom_size_prints_on_its_own_grid(self):
        partners = self.create_partners(5)
        wizard = self.label_wizard(
            partners,
            use_custom_size=True,
            custom_label_width=100,
            custom_label_height=50,
            custom_columns=2,
            custom_rows=5,
            custom_margin_top=10,
            custom_margin_left=5,
            start_row=1,
            start_column=2,
        )
        pdf = self.print_labels(wizard)
        custom = self.env["marketing.label.format"].new(
            {
                "margin_top": 10,
                "margin_left": 5,
                "label_width": 100,
                "label_height": 50,
                "horizontal_pitch": 100,
                "vertical_pitch": 50,
                "columns": 2,
                "rows": 5,
            }
        )
        self.assertIn("MM Contact 01", self.texts_in_box(pdf.pages[0], self.label_box(custom, 1, 2)))
        self.assertIn("MM Contact 05", self.texts_in_box(pdf.pages[0], self.label_box(custom, 3, 2)))

    def test_a_custom_size_that_does_not_fit_the_sheet_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "3 columns of 75.0 mm do not fit on a page 210.0 mm wide"):
            self.label_wizard(
                self.helene, use_custom_size=True, custom_label_width=75, custom_label_height=36, custom_columns=3
            )

    def test_a_start_outside_the_sheet_is_refused(self):
        with self.assertRaisesRegex(UserError, "start at a row from 1 to 8 and a column from 1 to 3"):
            self.label_wizard(self.helene, start_row=9).action_print()

    def test_records_the_user_may_not_read_are_refused(self):
        colleague_lead = self.env["crm.lead"].create(
            {"name": "MM colleague's lead", "user_id": self.env.ref("base.user_admin").id, "city": "Dijon"}
        )
        wizard = self.label_wizard(colleague_lead)
        with self.assertRaises(AccessError):
            wizard.action_print()
