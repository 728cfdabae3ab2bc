import { Thread } from "@mail/core/common/thread_model";
import { patch } from "@web/core/utils/patch";

patch(Thread.prototype, {
    setup() {
        super.setup(...arguments);
        /**
         * Whether the user may post, follow, attach files and plan activities on the document
         * (sent by the server for the CRM read-only level, which only reads): undefined when
         * the server said nothing, which keeps Odoo's chatter as it is.
         * @type {boolean|undefined}
         */
        this.crmLeadsCanPost = undefined;
    },
});
