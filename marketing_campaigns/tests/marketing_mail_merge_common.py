import base64
import io

from PyPDF2 import PdfReader
from reportlab.lib.units import mm

from odoo.tests import TransactionCase, new_test_user


class MailMergeCase(TransactionCase):
    """A marketing user who prints, a French company, and contacts with and without an address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The messages asserted are the English sources, whatever the language of the database's admin.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.france = cls.env.ref("base.fr")
        cls.belgium = cls.env.ref("base.be")
        cls.env.company.country_id = cls.france
        cls.marketer = new_test_user(
            cls.env,
            login="mm_marketer",
            name="Mathilde Marketer",
            lang="en_US",
            groups="base.group_user,marketing_campaigns.group_marketing_campaigns_user",
        )
        cls.Partner = cls.env["res.partner"]
        cls.helene = cls.Partner.create(
            {
                "name": "Hélène Lefèvre",
                "street": "3 rue de l'Église",
                "street2": "Bâtiment Ç",
                "zip": "25000",
                "city": "Besançon",
                "country_id": cls.france.id,
            }
        )
        cls.liege = cls.Partner.create(
            {
                "name": "Brasserie Liégeoise",
                "is_company": True,
                "street": "12 quai de la Batte",
                "zip": "4000",
                "city": "Liège",
                "country_id": cls.belgium.id,
            }
        )
        cls.nowhere = cls.Partner.create({"name": "Noé Sans-Adresse", "email": "noe@example.com"})
        cls.format_3x8 = cls.env.ref("marketing_campaigns.marketing_label_format_a4_3x8_70x36")

    @classmethod
    def create_partners(cls, count, prefix="MM Contact"):
        return cls.Partner.create(
            [
                {"name": f"{prefix} {index:02d}", "street": f"{index} avenue Foch", "zip": "75016", "city": "Paris"}
                for index in range(1, count + 1)
            ]
        )

    def label_wizard(self, records, user=None, **values):
        """The label dialog as opened from the list of ``records``, by the marketing user."""
        Wizard = self.env["marketing.label.print"].with_user(user or self.marketer)
        context = {"active_model": records._name, "active_ids": records.ids}
        return Wizard.with_context(**context).create({"format_id": self.format_3x8.id, **values})

    def print_labels(self, wizard):
        """Print and return the PDF the user downloads."""
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/marketing.label.print/{wizard.id}/label_pdf/", action["url"])
        return PdfReader(io.BytesIO(base64.b64decode(wizard.label_pdf)))

    @staticmethod
    def texts_with_positions(page):
        """``[(x, y, text)]`` of the text drawn on a PDF page, in points from its bottom left."""
        found = []

        def visitor(text, cm, tm, _font_dict, _font_size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, text.strip()))

        page.extract_text(visitor_text=visitor)
        return found

    @staticmethod
    def label_box(label_format, row, column):
        """The rectangle (left, bottom, right, top), in points, of the label at ``row``/``column`` (from 1)."""
        left = (label_format.margin_left + (column - 1) * label_format.horizontal_pitch) * mm
        top = (label_format.page_height - label_format.margin_top - (row - 1) * label_format.vertical_pitch) * mm
        return left, top - label_format.label_height * mm, left + label_format.label_width * mm, top

    def texts_in_box(self, page, box):
        left, bottom, right, top = box
        return [text for x, y, text in self.texts_with_positions(page) if left <= x < right and bottom <= y < top]
