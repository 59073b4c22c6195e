package store

import "context"

// Role is what a user is at the clinic; it decides every permission.
type Role string

// The roles of the schema's users.role.
const (
	RoleAdmin        Role = "admin"
	RoleReceptionist Role = "receptionist"
	RoleDoctor       Role = "doctor"
	RolePharmacist   Role = "pharmacist"
	RolePatient      Role = "patient"
)

// Roles lists every role in the order screens show them.
var Roles = []Role{RoleAdmin, RoleReceptionist, RoleDoctor, RolePharmacist, RolePatient}

// Valid reports whether r is one of the schema's roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Action is one thing a store method does on someone's behalf.
type Action string

// The actions that store methods check.
const (
	ActManageUsers         Action = "manage_users"
	ActReadUsers           Action = "read_users"
	ActManageSettings      Action = "manage_settings"
	ActReadAudit           Action = "read_audit"
	ActReadPatients        Action = "read_patients"
	ActWritePatients       Action = "write_patients"
	ActReadChart           Action = "read_chart"
	ActWriteChart          Action = "write_chart"
	ActReadSchedules       Action = "read_schedules"
	ActManageSchedules     Action = "manage_schedules"
	ActReadAppointments    Action = "read_appointments"
	ActBookAppointments    Action = "book_appointments"
	ActRunConsultation     Action = "run_consultation"
	ActTakePayments        Action = "take_payments"
	ActPrescribe           Action = "prescribe"
	ActReadPrescriptions   Action = "read_prescriptions"
	ActDispense            Action = "dispense"
	ActReadInventory       Action = "read_inventory"
	ActManageInventory     Action = "manage_inventory"
	ActReadOwnRecords      Action = "read_own_records"
	ActBreakGlass          Action = "break_glass"
	ActOpenAuditValues     Action = "open_audit_values"
	ActManageOutbox        Action = "manage_outbox"
	ActReadSystem          Action = "read_system"
	ActReadReports         Action = "read_reports"
	ActReadPharmacyReports Action = "read_pharmacy_reports"
	ActExportPatient       Action = "export_patient"
	ActReadAccessLog       Action = "read_access_log"
)

// permissions is the one role × action matrix. Every store method that acts for a
// user checks it through allow, so a local terminal and an SSH session obey one rule.
// Least privilege: the front desk sees no clinical content, the pharmacist reads
// prescriptions (and allergies with them) but not the chart, the admin reads no
// clinical content, a patient reads only their own records.
var permissions = map[Action][]Role{
	ActManageUsers:       {RoleAdmin},
	ActReadUsers:         {RoleAdmin},
	ActManageSettings:    {RoleAdmin},
	ActReadAudit:         {RoleAdmin},
	ActReadPatients:      {RoleReceptionist, RoleDoctor, RolePharmacist},
	ActWritePatients:     {RoleReceptionist},
	ActReadChart:         {RoleDoctor},
	ActWriteChart:        {RoleDoctor},
	ActReadSchedules:     {RoleAdmin, RoleReceptionist, RoleDoctor},
	ActManageSchedules:   {RoleAdmin, RoleReceptionist},
	ActReadAppointments:  {RoleReceptionist, RoleDoctor},
	ActBookAppointments:  {RoleReceptionist},
	ActRunConsultation:   {RoleDoctor},
	ActTakePayments:      {RoleReceptionist},
	ActPrescribe:         {RoleDoctor},
	ActReadPrescriptions: {RoleDoctor, RolePharmacist},
	ActDispense:          {RolePharmacist},
	ActReadInventory:     {RoleDoctor, RolePharmacist},
	ActManageInventory:   {RolePharmacist},
	ActReadOwnRecords:    {RolePatient},
	// Emergency access: front-desk and pharmacy staff may open one chart for a stated,
	// logged reason for a short time. Admins may not: they review these grants.
	ActBreakGlass: {RoleReceptionist, RolePharmacist},
	// The admin's audit trail leaves out the values of patients' records; opening one
	// row's values is a break-glass of its own, for a stated reason, logged and notified.
	ActOpenAuditValues: {RoleAdmin},
	ActManageOutbox:    {RoleAdmin},
	// Reports are totals, never a patient's record: the clinic's takings and bookings for
	// the front desk and the admin, the pharmacy's stock and sales for the pharmacist.
	ActReadReports:         {RoleAdmin, RoleReceptionist},
	ActReadPharmacyReports: {RoleAdmin, RolePharmacist},
	// The System tab: backups and the replica, where they are and how old.
	ActReadSystem: {RoleAdmin},
	// A patient's request for their data: the whole record written to a file for them
	// (never shown on the desk's screen), each export in the sealed access log. The front
	// desk takes the request; the admin may answer it from the command line.
	ActExportPatient: {RoleAdmin, RoleReceptionist},
	// Who opened which record: the admin reviews it (a patient sees their own in their view).
	ActReadAccessLog: {RoleAdmin},
}

// descriptions say each action in words for refusals: "A receptionist may not …".
var descriptions = map[Action]string{
	ActManageUsers:         "manage user accounts",
	ActReadUsers:           "list user accounts",
	ActManageSettings:      "change the clinic's settings",
	ActReadAudit:           "read the audit trail",
	ActReadSystem:          "see the state of the clinic's backups",
	ActReadPatients:        "look up patients",
	ActWritePatients:       "register or edit patients",
	ActReadChart:           "read a patient's chart",
	ActWriteChart:          "write to a patient's chart",
	ActReadSchedules:       "read doctors' calendars",
	ActManageSchedules:     "change doctors' calendars",
	ActReadAppointments:    "read the appointment book",
	ActBookAppointments:    "book or change appointments",
	ActRunConsultation:     "run a consultation",
	ActTakePayments:        "take payments",
	ActPrescribe:           "write prescriptions",
	ActReadPrescriptions:   "read prescriptions",
	ActDispense:            "dispense medicines",
	ActReadInventory:       "read the inventory",
	ActManageInventory:     "change the inventory",
	ActReadOwnRecords:      "read a patient's own records",
	ActBreakGlass:          "open a chart in an emergency",
	ActOpenAuditValues:     "open a patient record's values in the audit trail",
	ActManageOutbox:        "read and manage the e-mail and SMS outbox",
	ActReadReports:         "read the clinic's reports",
	ActReadPharmacyReports: "read the pharmacy's reports",
	ActExportPatient:       "export a patient's whole record",
	ActReadAccessLog:       "read the access log",
}

func (a Action) describe() string {
	if d, ok := descriptions[a]; ok {
		return d
	}
	return string(a)
}

// Allowed reports whether the role may take the action. Screens use it to show only
// what a role may use; the store enforces it regardless.
func Allowed(role Role, action Action) bool {
	for _, r := range permissions[action] {
		if r == role {
			return true
		}
	}
	return false
}

// allow checks the matrix for a call outside a transaction (a read, or a check before
// work such as password hashing) and logs a refusal in the access log.
func (s *Store) allow(ctx context.Context, actor Actor, action Action) error {
	if actor.system || Allowed(actor.Role, action) {
		return nil
	}
	s.logRefusal(ctx, actor, action)
	err := &ForbiddenError{Role: actor.Role, Action: action}
	s.meter.countError(err)
	return err
}

// logRefusal writes the refusal to the access log and, as a security event, to the
// sealed audit trail, in one short write of its own.
func (s *Store) logRefusal(ctx context.Context, actor Actor, action Action) {
	_ = s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.logAccess(ctx, accessEntry{action: string(action), allowed: false,
			reason: "refused: " + action.describe()}); err != nil {
			return err
		}
		return tx.securityEvent(ctx, EventPermissionRefused, actor.ID,
			map[string]any{"action": string(action), "role": string(actor.Role)})
	})
}
