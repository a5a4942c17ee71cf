// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A decision of the kind Training plans the training of the reps it names, linked to it.
frappe.ui.form.on("Corrective Decision", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.decision_type !== "Training" || !frappe.model.can_create("Sales Training")) return;
		frm.add_custom_button(__("Plan the Training"), () =>
			frappe
				.xcall("sales_technology.people.trainings.plan_training_for_decision", { decision: frm.doc.name })
				.then((training) => frappe.set_route("Form", "Sales Training", training))
		);
	},
});
