import { ActivityArchParser } from "@mail/views/web/activity/activity_arch_parser";
import { patch } from "@web/core/utils/patch";

/** Odoo's activity view offers scheduling to everyone; like the other views, it offers none
 * where its arch says `create="0"` (what the server writes for the CRM read-only level). */
patch(ActivityArchParser.prototype, {
    parse(xmlDoc) {
        const archInfo = super.parse(...arguments);
        archInfo.canCreate = xmlDoc.getAttribute("create") !== "0";
        return archInfo;
    },
});
