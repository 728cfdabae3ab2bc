import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("marketing_scenario_steps_tree", {
    steps: () => [
        {
            content: "Open the scenario's steps as a tree",
            trigger: "button[name=action_open_steps_tree]",
            run: "click",
        },
        {
            content: "The first step is the root of the tree",
            trigger: ".o_hierarchy_node:contains('Tour welcome e-mail')",
        },
        {
            content: "The wait follows the e-mail on the row below, with its delay",
            trigger: ".o_hierarchy_row:eq(1) .o_hierarchy_node:contains('Tour wait'):contains('2')",
        },
    ],
});
