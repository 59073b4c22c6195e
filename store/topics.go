package store

// Topic names a kind of change that screens subscribe to, instead of naming the tables
// behind it: a screen says "reload me when appointments change", and which tables carry
// appointments is the store's business. Every table of the schema belongs to exactly
// one topic (tableTopics; a test fails when a table is missing).
//
// Topic is an integer, not a string, so that a table name passed where a topic is meant
// does not compile.
type Topic uint8

// The topics, one per kind of thing a screen shows.
const (
	// TopicAny is a change that may have touched anything: another process committed
	// to the same file. Every subscriber sees it. It is the zero Topic, so an event
	// made without a topic reloads too much rather than nothing.
	TopicAny Topic = iota
	// TopicSettings is the clinic's settings.
	TopicSettings
	// TopicAccounts is the login accounts. An event of this topic is a change of one
	// account, and its RowID is that account's user id.
	TopicAccounts
	// TopicSSHKeys is the public keys that accounts log in with over SSH.
	TopicSSHKeys
	// TopicStaff is the doctors' and pharmacists' professional records: licence,
	// qualification, fee, specialisations.
	TopicStaff
	// TopicPatients is the patients' registration and the history of their names.
	TopicPatients
	// TopicAllergies is the patients' recorded allergies, which prescribing and
	// dispensing check as well as the chart showing them.
	TopicAllergies
	// TopicChart is the rest of a patient's chart (history, current medications,
	// vital signs) and the emergency grants to read it.
	TopicChart
	// TopicCalendars is when doctors work: their weekly schedules, their leave and the
	// clinic's holidays.
	TopicCalendars
	// TopicAppointments is the appointments, their status and their payment.
	TopicAppointments
	// TopicPrescriptions is the prescriptions as doctors write and amend them, and the
	// doctors' favourite lines.
	TopicPrescriptions
	// TopicDispensing is what the pharmacy handed out against prescriptions and sold.
	TopicDispensing
	// TopicInventory is the pharmacy's items, batches and stock movements.
	TopicInventory
	// TopicNotifications is the notices sent to users and roles.
	TopicNotifications
	// TopicAudit is the audit trail, the access log and the security events.
	TopicAudit
	// TopicMoney is the payments ledger (payments, refunds, waivers) and the closed tills.
	TopicMoney
)

var topicNames = [...]string{
	TopicAny:           "any",
	TopicSettings:      "settings",
	TopicAccounts:      "accounts",
	TopicSSHKeys:       "ssh keys",
	TopicStaff:         "staff",
	TopicPatients:      "patients",
	TopicAllergies:     "allergies",
	TopicChart:         "chart",
	TopicCalendars:     "calendars",
	TopicAppointments:  "appointments",
	TopicPrescriptions: "prescriptions",
	TopicDispensing:    "dispensing",
	TopicInventory:     "inventory",
	TopicNotifications: "notifications",
	TopicAudit:         "audit",
	TopicMoney:         "money",
}

func (t Topic) String() string {
	if int(t) < len(topicNames) {
		return topicNames[t]
	}
	return "unknown topic"
}

// tableTopics maps every table of the schema, and the pseudo-tables of events that are
// no table's rows, to its topic.
var tableTopics = map[string]Topic{
	TableAny: TopicAny,

	"settings":        TopicSettings,
	"setting_keys":    TopicSettings,
	"setting_secrets": TopicSettings,

	"users":         TopicAccounts,
	"user_ssh_keys": TopicSSHKeys,

	"doctors":                TopicStaff,
	"doctor_specialisations": TopicStaff,
	"pharmacists":            TopicStaff,

	"patients":             TopicPatients,
	"patient_name_changes": TopicPatients,
	"patients_fts":         TopicPatients,
	"patient_consents":     TopicPatients,
	"patient_erasures":     TopicPatients,

	"allergies": TopicAllergies,

	"medical_history":     TopicChart,
	"current_medications": TopicChart,
	"patient_pregnancy":   TopicChart,
	"vital_signs":         TopicChart,
	"emergency_access":    TopicChart,

	"doctor_schedules": TopicCalendars,
	"doctor_leaves":    TopicCalendars,
	"clinic_holidays":  TopicCalendars,

	"appointments": TopicAppointments,

	"prescriptions":            TopicPrescriptions,
	"prescription_medications": TopicPrescriptions,
	"prescription_tests":       TopicPrescriptions,
	"prescription_amendments":  TopicPrescriptions,
	"prescription_favourites":  TopicPrescriptions,
	"prescription_overrides":   TopicPrescriptions,

	"pharmacy_fulfillments":     TopicDispensing,
	"fulfillment_items":         TopicDispensing,
	"free_text_reviews":         TopicDispensing,
	"dispense_acknowledgements": TopicDispensing,

	"inventory_items":   TopicInventory,
	"inventory_batches": TopicInventory,
	"stock_movements":   TopicInventory,
	"inventory_fts":     TopicInventory,

	"notifications": TopicNotifications,

	"payments":    TopicMoney,
	"till_closes": TopicMoney,

	"audit_log":     TopicAudit,
	"audit_context": TopicAudit,
	"audit_shapes":  TopicAudit,
	"access_log":    TopicAudit,
	SessionTable:    TopicAudit,
}

// topicOf is the topic of a table's changes. A table with no topic is announced as
// TopicAny, so that a table added without one makes screens reload too often rather
// than never.
func topicOf(table string) Topic {
	if t, ok := tableTopics[table]; ok {
		return t
	}
	return TopicAny
}

// Touches reports whether the events are of any of the topics. An event of TopicAny
// (another process's commit) may have touched any of them.
func Touches(events []Event, topics ...Topic) bool {
	for _, e := range events {
		if e.Topic == TopicAny {
			return true
		}
		for _, t := range topics {
			if e.Topic == t {
				return true
			}
		}
	}
	return false
}
