import { BaseImportModel } from "@base_import/import_model";
import { ImportDataSidepanel } from "@base_import/import_data_sidepanel/import_data_sidepanel";
import { patch } from "@web/core/utils/patch";

/**
 * Odoo's import screen, for the models that offer keys to find the records a file already
 * holds (leads, contacts): the keys come with the preview, the choice goes with the options.
 */
patch(BaseImportModel.prototype, {
    async init() {
        this.crmImportMatchKeys = [];
        this.importOptionsValues.crm_import_match_key = { value: "" };
        this.importOptionsValues.crm_import_existing = { value: "update" };
        return super.init(...arguments);
    },

    _onLoadSuccess(res) {
        super._onLoadSuccess(res);
        this.crmImportMatchKeys = res.crm_import_match_keys || [];
        const offered = this.crmImportMatchKeys.map(([code]) => code);
        if (!offered.includes(this.importOptionsValues.crm_import_match_key.value)) {
            this.importOptionsValues.crm_import_match_key.value = "";
        }
    },
});

ImportDataSidepanel.props = {
    ...ImportDataSidepanel.props,
    crmImportMatchKeys: { type: Array, optional: true },
};
