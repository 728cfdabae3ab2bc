import { ActivityMarkAsDone } from "@mail/core/web/activity_markasdone_popover";
import { useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";

/**
 * Koban's "bilan d'action": an activity whose type records an outcome is marked done with its
 * outcome and a report, from every place the web client marks activities done (the chatter,
 * the activity view, the activities of a list), as they all use this popover.
 */
patch(ActivityMarkAsDone.prototype, {
    setup() {
        super.setup();
        this.outcome = useState({ id: "" });
        this.notification = useService("notification");
        this.orm = useService("orm");
    },

    get outcomeOptions() {
        return this.props.activity.outcome_options || [];
    },

    get needsOutcome() {
        return Boolean(this.props.activity.outcome_required);
    },

    get isSuggested() {
        // The outcome plans the next activity: "Done" is always offered.
        return this.needsOutcome || super.isSuggested;
    },

    /** Write the outcome on the activity before it is marked done; false when one is missing. */
    async recordOutcome() {
        if (!this.needsOutcome) {
            return true;
        }
        if (!this.outcome.id || !(this.props.activity.feedback || "").trim()) {
            this.notification.add(_t("Choose the outcome and write the report."), { type: "warning" });
            return false;
        }
        await this.orm.write("mail.activity", [this.props.activity.id], {
            outcome_id: parseInt(this.outcome.id),
        });
        return true;
    },

    async onClickDone() {
        if (await this.recordOutcome()) {
            return super.onClickDone(...arguments);
        }
    },

    async onClickDoneAndScheduleNext() {
        if (await this.recordOutcome()) {
            return super.onClickDoneAndScheduleNext(...arguments);
        }
    },
});
