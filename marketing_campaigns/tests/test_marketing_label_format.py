from odoo.exceptions import ValidationError

from .marketing_mail_merge_common import MailMergeCase


class TestMarketingLabelFormat(MailMergeCase):
    def test_common_a4_sheets_are_shipped(self):
        formats = self.env["marketing.label.format"].search([])
        shipped = {(f.columns, f.rows, f.label_width, f.label_height) for f in formats}
        self.assertLessEqual({(3, 8, 70, 36), (2, 7, 99.1, 38.1), (3, 7, 63.5, 38.1)}, shipped)
        self.assertEqual(self.format_3x8.labels_per_sheet, 24)

    def test_manager_adds_a_sheet_of_his_own(self):
        manager = self.env.ref("base.user_admin")
        sheet = (
            self.env["marketing.label.format"]
            .with_user(manager)
            .create(
                {
                    "name": "4 x 10, 48.5 x 25.4 mm",
                    "margin_top": 21.5,
                    "margin_left": 8,
                    "label_width": 48.5,
                    "label_height": 25.4,
                    "horizontal_pitch": 48.5,
                    "vertical_pitch": 25.4,
                    "columns": 4,
                    "rows": 10,
                }
            )
        )
        self.assertEqual(sheet.labels_per_sheet, 40)

    def test_a_sheet_wider_than_the_page_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "3 columns of 71.0 mm do not fit on a page 210.0 mm wide"):
            self.format_3x8.write({"label_width": 71, "horizontal_pitch": 71})

    def test_a_sheet_taller_than_the_page_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "9 rows of 36.0 mm do not fit on a page 297.0 mm high"):
            self.format_3x8.rows = 9

    def test_overlapping_labels_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "smaller than the label width"):
            self.format_3x8.horizontal_pitch = 60

    def test_marketing_users_read_sheets_but_do_not_change_them(self):
        sheet = self.format_3x8.with_user(self.marketer)
        self.assertEqual(sheet.labels_per_sheet, 24)
        self.assertFalse(sheet.has_access("write"))
