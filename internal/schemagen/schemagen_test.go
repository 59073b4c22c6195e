package schemagen

import (
	"os"
	"strings"
	"testing"
)

func committedSchema(t *testing.T) string {
	t.Helper()
	schema, err := os.ReadFile("../../schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(schema)
}

func tableNamed(t *testing.T, name string) Table {
	t.Helper()
	for _, table := range Tables {
		if table.Name == name {
			return table
		}
	}
	t.Fatalf("no audited table %s", name)
	return Table{}
}

func TestCommittedSchemaHoldsTheGeneratedTriggersAndColumns(t *testing.T) {
	t.Parallel()
	schema := committedSchema(t)
	if made, err := Replace(schema); err != nil || made != schema {
		t.Fatalf("schema.sql's generated triggers or audit_values columns differ from internal/schemagen's list (%v): run `go generate ./...` and commit schema.sql", err)
	}
}

func TestReplaceRewritesTheBlockAndTheColumns(t *testing.T) {
	t.Parallel()
	schema := committedSchema(t)
	block, err := Block(schema)
	if err != nil {
		t.Fatal(err)
	}
	users := tableNamed(t, "users").valuesColumn()
	stale := strings.Replace(schema, block, BeginMarker+"\nstale\n"+EndMarker+"\n", 1)
	stale = strings.Replace(stale, users, ValuesColumn+" TEXT GENERATED ALWAYS AS () VIRTUAL", 1)
	if got, err := Replace(stale); err != nil || got != schema {
		t.Fatalf("a stale block and column were not made anew (%v)", err)
	}
	if _, err := Replace(strings.Replace(schema, block, "", 1)); err == nil {
		t.Fatal("a schema without markers was accepted")
	}
	_, err = Replace(strings.Replace(schema, ",\n    "+users, "", 1))
	if err == nil || !strings.Contains(err.Error(), "table users has no audit_values column") {
		t.Fatalf("a table without its audit_values column: %v", err)
	}
}

func TestSecretColumnsStayOutOfTheTrail(t *testing.T) {
	t.Parallel()
	users := tableNamed(t, "users")
	if strings.Contains(users.valuesColumn()+ShapeRows(), "password_hash") {
		t.Fatal("the password hash is written into the audit trail")
	}
	if !strings.Contains(Generate(), "json_insert(NEW.audit_values, '$[#]', NEW.password_hash IS NOT OLD.password_hash)") ||
		!strings.HasSuffix(users.ShapeColumns(), `"updated_at","password_changed"]`) {
		t.Fatal("a password change is not recorded as the last value of its shape")
	}
}

// releasedShapes are the shapes clinics' files hold: each number with its table and
// columns, as schema version 20 released them. Old audit rows name these numbers, so a
// number never changes its columns; a table whose columns change takes a new number
// (and its upgrade step adds the new shape), and its old number stays here.
var releasedShapes = map[int]string{
	1:  `settings ["key","value","updated_at"]`,
	2:  `setting_secrets ["key","updated_at","secret_changed"]`,
	3:  `users ["id","email","full_name","role","active","must_change_password","failed_logins","locked_until","last_login_at","created_at","updated_at","password_changed"]`,
	4:  `user_ssh_keys ["id","user_id","public_key","fingerprint","comment","created_at"]`,
	5:  `doctors ["id","user_id","qualification","licence_number","consultation_fee_cents","created_at","updated_at"]`,
	6:  `doctor_specialisations ["doctor_id","speciality"]`,
	7:  `pharmacists ["id","user_id","licence_number","created_at","updated_at"]`,
	8:  `patients ["id","patient_code","user_id","first_name","last_name","date_of_birth","sex","phone","email","address","emergency_contact_name","emergency_contact_phone","blood_group","created_at","updated_at"]`,
	9:  `medical_history ["id","patient_id","condition","diagnosed_on","status","notes","recorded_by","created_at","updated_at"]`,
	10: `allergies ["id","patient_id","allergen","reaction","severity","recorded_by","created_at","updated_at"]`,
	11: `current_medications ["id","patient_id","name","dosage","frequency","started_on","ended_on","prescribed_by","recorded_by","created_at","updated_at"]`,
	12: `patient_pregnancy ["patient_id","status","noted_on","recorded_by","created_at","updated_at"]`,
	13: `vital_signs ["id","patient_id","appointment_id","recorded_at","height_cm","weight_kg","systolic_mmhg","diastolic_mmhg","pulse_bpm","temperature_c","spo2_percent","respiratory_rate","recorded_by","created_at","updated_at"]`,
	14: `patient_consents ["id","patient_id","channel","granted","recorded_at","recorded_by","created_at","updated_at"]`,
	15: `patient_erasures ["id","patient_id","pseudonym","basis","reason","erased_by","erased_at"]`,
	16: `doctor_schedules ["id","doctor_id","weekday","start_time","end_time","slot_minutes","created_at","updated_at"]`,
	17: `doctor_leaves ["id","doctor_id","starts_on","ends_on","reason","created_at","updated_at"]`,
	18: `clinic_holidays ["id","day","name","created_at","updated_at"]`,
	19: `appointments ["id","appointment_code","patient_id","doctor_id","starts_at","ends_at","status","reason","notes","cancel_reason","fee_cents","payment_status","payment_method","amount_paid_cents","paid_at","checked_in_at","consultation_started_at","completed_at","series_id","booked_by","created_at","updated_at","overbook_reason"]`,
	20: `prescriptions ["id","prescription_code","appointment_id","patient_id","doctor_id","diagnosis","notes","sketch","status","submitted_at","cancel_reason","created_at","updated_at","valid_until","refills_allowed","no_consultation_reason"]`,
	21: `prescription_medications ["id","prescription_id","position","inventory_item_id","name","generic_name","strength","form","dosage","frequency","duration_days","route","instructions","quantity","allergy_override_reason","created_at","updated_at","chronic"]`,
	22: `prescription_tests ["id","prescription_id","test_name","priority","instructions","created_at","updated_at"]`,
	23: `prescription_amendments ["id","prescription_id","reason","amendment","author_id","created_at","updated_at"]`,
	24: `prescription_overrides ["id","prescription_medication_id","kind","severity","warning_key","warning","created_at"]`,
	25: `prescription_favourites ["id","doctor_id","name","items","created_at","updated_at"]`,
	26: `inventory_items ["id","name","generic_name","drug_class","strength","form","unit","over_the_counter","current_stock","minimum_stock","unit_price_cents","active","last_movement_id","created_at","updated_at"]`,
	27: `inventory_batches ["id","item_id","batch_number","expires_on","quantity_left","unit_cost_cents","supplier","received_at","last_movement_id","created_at","updated_at"]`,
	28: `stock_movements ["id","item_id","batch_id","kind","quantity","reason","fulfillment_id","actor_id","created_at"]`,
	29: `pharmacy_fulfillments ["id","prescription_id","patient_id","pharmacist_id","kind","status","total_cents","payment_status","payment_method","amount_paid_cents","cancel_reason","completed_at","created_at","updated_at"]`,
	30: `fulfillment_items ["id","fulfillment_id","prescription_medication_id","inventory_item_id","batch_id","quantity","unit_price_cents","line_total_cents","created_at","updated_at"]`,
	31: `free_text_reviews ["id","prescription_medication_id","inventory_item_id","reason","pharmacist_id","created_at","updated_at"]`,
	32: `dispense_acknowledgements ["id","fulfillment_id","prescription_medication_id","inventory_item_id","kind","severity","warning_key","warning","doctor_override","note","pharmacist_id","created_at"]`,
	33: `payments ["id","desk","appointment_id","fulfillment_id","kind","method","amount_cents","reason","till_date","taken_by","taken_at"]`,
	34: `till_closes ["id","desk","till_date","payment_count","expected_cash_cents","counted_cash_cents","expected_card_cents","counted_card_cents","expected_upi_cents","counted_upi_cents","expected_insurance_cents","counted_insurance_cents","expected_other_cents","counted_other_cents","difference_reason","closed_by","closed_at"]`,
}

func TestReleasedShapesAreFrozen(t *testing.T) {
	t.Parallel()
	seen := map[int]string{}
	for _, table := range Tables {
		shape := table.Name + " " + table.ShapeColumns()
		if other, ok := seen[table.Shape]; ok {
			t.Errorf("shape %d is both %s's and %s", table.Shape, table.Name, other)
		}
		seen[table.Shape] = table.Name
		if released, ok := releasedShapes[table.Shape]; ok && released != shape {
			t.Errorf("shape %d was released as %s; %s's columns are now %s: give the table a new shape number and add its shape in an upgrade step",
				table.Shape, released, table.Name, table.ShapeColumns())
		}
	}
}
