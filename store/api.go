package store

import (
	"context"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/internal/report"
)

// The interfaces below list every exported method of *Store, grouped by the aggregate
// it reads or changes, so that a reader can scan the store's surface in one place. Each
// method is in exactly one interface (TestEveryStoreMethodIsInOneInterface); a new
// method must be placed here. A caller that needs one aggregate may take its interface
// instead of *Store.

// Database is the store itself: its file, its clock, its transactions and its change
// events.
type Database interface {
	// Path is the database file's path.
	Path() string
	// PasswordHashCost is the bcrypt cost new passwords are hashed at.
	PasswordHashCost() int
	// Close checkpoints the write-ahead log and closes every connection.
	Close() error
	// Now is the store's clock, in UTC.
	Now() time.Time
	// Batch runs several operations in one write transaction for the actor.
	Batch(ctx context.Context, actor Actor, fn func(*Tx) error) error
	// Subscribe returns a channel of committed change batches and its cancel function.
	Subscribe() (<-chan []Event, func())
	// AccountsVersion changes after every commit that may have changed an account.
	AccountsVersion() uint64
	// CheckWritable tries a write and rolls it back: a server refuses a read-only file.
	CheckWritable(ctx context.Context) error
	// Metrics is what the store has measured since it opened, and its files' sizes.
	Metrics() Metrics
	// MergeSearchIndexes merges each full-text index into one segment now.
	MergeSearchIndexes(ctx context.Context) error
}

// Sessions is logging in and out: first-run setup, login, unlock, the user's own
// password, and re-reading the logged-in account.
type Sessions interface {
	// NeedsSetup reports whether the clinic has no accounts yet.
	NeedsSetup(ctx context.Context) (bool, error)
	// Setup names the clinic and creates the first administrator.
	Setup(ctx context.Context, clinic ClinicSetup, admin NewUser) (User, error)
	// Login checks an email and password.
	Login(ctx context.Context, email, password string) (User, error)
	// RemoteLogin is Login for a password sent over SSH, throttled per account.
	RemoteLogin(ctx context.Context, email, password, remote string) (User, error)
	// KeyLogin records a login by a proven SSH key.
	KeyLogin(ctx context.Context, userID int64, fingerprint, remote string) (User, error)
	// Unlock is Login at a desk locked while lockedUserID was away.
	Unlock(ctx context.Context, lockedUserID int64, email, password, remote string) (User, error)
	// LockoutRule says the network password throttle in a sentence naming no account.
	LockoutRule() string
	// UserBySSHKey finds the active account that owns an SSH key.
	UserBySSHKey(ctx context.Context, fingerprint string) (User, error)
	// DemoAccounts lists one account per role and the shared password of a demo file.
	DemoAccounts(ctx context.Context) (password string, accounts []DemoAccount, err error)
	// SessionUser re-reads the logged-in user's own account.
	SessionUser(ctx context.Context, actor Actor) (User, error)
	// PasswordFacts is what a new password for this account is checked against.
	PasswordFacts(ctx context.Context, email, name string) (auth.UserFacts, error)
	// ChangePassword sets the user's own new password after checking the current one.
	ChangePassword(ctx context.Context, actor Actor, current, next string) error
	// RecordIdleLock records that the user's screen locked while idle.
	RecordIdleLock(ctx context.Context, actor Actor) error
	// Logout records that the user ended their session.
	Logout(ctx context.Context, actor Actor) error
}

// Accounts is the administration of user accounts, their professional records and
// their SSH keys.
type Accounts interface {
	// CheckNewUser checks a new account's details but its password.
	CheckNewUser(ctx context.Context, actor Actor, n NewUser) error
	// CreateUser creates a staff account, with a doctor's or pharmacist's record.
	CreateUser(ctx context.Context, actor Actor, n NewUser) (User, error)
	// HashSharedPassword hashes a password once for many Tx.CreateUser calls.
	HashSharedPassword(password string) (SharedPassword, error)
	// User returns one account.
	User(ctx context.Context, actor Actor, id int64) (User, error)
	// UserDetail returns an account with its doctor's or pharmacist's record.
	UserDetail(ctx context.Context, actor Actor, id int64) (UserDetail, error)
	// UserByEmail finds an account by its login email.
	UserByEmail(ctx context.Context, actor Actor, email string) (User, error)
	// ListUsers returns the accounts whose name or email contains the search text.
	ListUsers(ctx context.Context, actor Actor, search string) ([]User, error)
	// UpdateUser changes an account's name, email and professional record.
	UpdateUser(ctx context.Context, actor Actor, id int64, e UserEdit) (User, error)
	// SetUserActive deactivates or reactivates an account.
	SetUserActive(ctx context.Context, actor Actor, id int64, active bool) error
	// ResetPassword gives an account a new password chosen by an admin.
	ResetPassword(ctx context.Context, actor Actor, id int64, password string) error
	// AddSSHKey lets a user log in over SSH with a key.
	AddSSHKey(ctx context.Context, actor Actor, userID int64, authorizedKeyLine string) (SSHKey, error)
	// RemoveSSHKey removes one of a user's SSH keys.
	RemoveSSHKey(ctx context.Context, actor Actor, keyID int64) error
	// SSHKeys lists a user's SSH keys, oldest first.
	SSHKeys(ctx context.Context, actor Actor, userID int64) ([]SSHKey, error)
}

// Patients is the patients' registration and search.
type Patients interface {
	// AddPatient registers a patient and returns the stored record with its code.
	AddPatient(ctx context.Context, actor Actor, in PatientInput) (Patient, error)
	// UpdatePatient edits a patient's demographics.
	UpdatePatient(ctx context.Context, actor Actor, id int64, in PatientInput) (Patient, error)
	// Patient returns one patient's demographics.
	Patient(ctx context.Context, actor Actor, id int64) (Patient, error)
	// PatientByCode finds a patient by code.
	PatientByCode(ctx context.Context, actor Actor, code string) (Patient, error)
	// SearchPatients finds patients as the user types.
	SearchPatients(ctx context.Context, actor Actor, query string, limit int) ([]Patient, error)
	// PossibleDuplicates lists registered patients who may be the one on a form.
	PossibleDuplicates(ctx context.Context, actor Actor, in PatientInput, excludeID int64) ([]Patient, error)
	// ExportPatient reads a patient's whole record for their request, access-logged.
	ExportPatient(ctx context.Context, actor Actor, req ExportRequest) (PatientExport, error)
	// ExportPatientToPrints writes a patient's whole record into the print directory.
	ExportPatientToPrints(ctx context.Context, actor Actor, patientID int64) (Printed, error)
}

// Charts is a patient's clinical record: history, allergies, current medications,
// vital signs, and emergency access to read it.
type Charts interface {
	// Chart reads a patient's whole chart in one snapshot.
	Chart(ctx context.Context, actor Actor, patientID int64) (Chart, error)
	// Allergies lists a patient's allergies, most severe first.
	Allergies(ctx context.Context, actor Actor, patientID int64) ([]Allergy, error)
	// OtherMedications lists what a patient already takes, for interaction checks.
	OtherMedications(ctx context.Context, actor Actor, patientID, exceptID int64) ([]OtherMedication, error)
	// DosePatient says whether a patient's doses need paediatric confirmation (under 12 years or 40 kg).
	DosePatient(ctx context.Context, actor Actor, patientID int64) (DosePatient, error)
	// AddHistory records a condition.
	AddHistory(ctx context.Context, actor Actor, patientID int64, in HistoryInput) (MedicalHistory, error)
	// UpdateHistory edits a history entry.
	UpdateHistory(ctx context.Context, actor Actor, id int64, in HistoryInput) (MedicalHistory, error)
	// AddAllergy records an allergy.
	AddAllergy(ctx context.Context, actor Actor, patientID int64, in AllergyInput) (Allergy, error)
	// UpdateAllergy edits an allergy.
	UpdateAllergy(ctx context.Context, actor Actor, id int64, in AllergyInput) (Allergy, error)
	// AddCurrentMedication records a medication the patient takes.
	AddCurrentMedication(ctx context.Context, actor Actor, patientID int64, in CurrentMedicationInput) (CurrentMedication, error)
	// UpdateCurrentMedication edits a current medication.
	UpdateCurrentMedication(ctx context.Context, actor Actor, id int64, in CurrentMedicationInput) (CurrentMedication, error)
	// SetPregnancy records (or, with status "", clears) the pregnancy flag.
	SetPregnancy(ctx context.Context, actor Actor, patientID int64, status string, notedOn time.Time) error
	// AddVitals records a set of vital signs.
	AddVitals(ctx context.Context, actor Actor, patientID int64, in VitalsInput) (Vitals, error)
	// BreakGlass grants the actor emergency access to a chart, for a reason.
	BreakGlass(ctx context.Context, actor Actor, patientID int64, reason string) (time.Time, error)
	// EmergencyAccessUntil returns when the actor's emergency access to a chart ends.
	EmergencyAccessUntil(ctx context.Context, actor Actor, patientID int64) (time.Time, error)
}

// Calendars is when doctors work: the doctors, their weekly hours, their leave, the
// clinic's holidays, and the free slots these leave.
type Calendars interface {
	// Doctors lists the active doctors by name.
	Doctors(ctx context.Context, actor Actor) ([]Doctor, error)
	// DoctorByUser returns the doctor's record of an account.
	DoctorByUser(ctx context.Context, actor Actor, userID int64) (Doctor, error)
	// Schedule lists a doctor's weekly working hours.
	Schedule(ctx context.Context, actor Actor, doctorID int64) ([]ScheduleBlock, error)
	// SchedulesOn lists every doctor's working hours on a weekday, by doctor.
	SchedulesOn(ctx context.Context, actor Actor, weekday time.Weekday) (map[int64][]ScheduleBlock, error)
	// AddScheduleBlock adds a block of weekly working hours.
	AddScheduleBlock(ctx context.Context, actor Actor, b ScheduleBlock) (id int64, err error)
	// RemoveScheduleBlock removes a block of working hours.
	RemoveScheduleBlock(ctx context.Context, actor Actor, id int64) error
	// Leaves lists a doctor's leaves that end on or after a date.
	Leaves(ctx context.Context, actor Actor, doctorID int64, from time.Time) ([]Leave, error)
	// LeavesByDoctor lists every doctor's leaves that end on or after a date, by doctor.
	LeavesByDoctor(ctx context.Context, actor Actor, from time.Time) (map[int64][]Leave, error)
	// AddLeave records a doctor's leave.
	AddLeave(ctx context.Context, actor Actor, doctorID int64, from, to time.Time, reason string) (id int64, err error)
	// RemoveLeave removes a leave.
	RemoveLeave(ctx context.Context, actor Actor, id int64) error
	// Holidays lists the clinic's holidays on or after a date.
	Holidays(ctx context.Context, actor Actor, from time.Time) ([]Holiday, error)
	// LeaveClashes lists the appointments booked in a leave or holiday about to be
	// added, each with slots it could move to.
	LeaveClashes(ctx context.Context, actor Actor, doctorID int64, from, to time.Time) ([]LeaveClash, error)
	// AddLeaveMoving adds a leave and moves its booked appointments in one change.
	AddLeaveMoving(ctx context.Context, actor Actor, doctorID int64, from, to time.Time, reason string, moves []Move) (id int64, err error)
	// AddHolidayMoving closes the clinic for a day and moves its appointments in one change.
	AddHolidayMoving(ctx context.Context, actor Actor, day time.Time, name string, moves []Move) (id int64, err error)
	// AddHoliday closes the clinic for a day.
	AddHoliday(ctx context.Context, actor Actor, day time.Time, name string) (id int64, err error)
	// RemoveHoliday reopens the clinic on a holiday.
	RemoveHoliday(ctx context.Context, actor Actor, id int64) error
	// NextFreeSlots finds a doctor's next free slots.
	NextFreeSlots(ctx context.Context, actor Actor, doctorID int64, from time.Time, n int) ([]Slot, error)
	// FirstFreeWithSpeciality finds the earliest free slots among a speciality's doctors.
	FirstFreeWithSpeciality(ctx context.Context, actor Actor, speciality string, from time.Time, n int) ([]Slot, error)
}

// Appointments is the appointment book: booking, the visit's course from confirmation
// to completion, its fee and receipt, and the lists the desks work from.
type Appointments interface {
	// DayBook is DayView of the given doctors, without the patients' names (the entries
	// carry PatientID).
	DayBook(ctx context.Context, actor Actor, day time.Time, doctorIDs []int64) ([]BookEntry, error)
	// DayOutline tells who has appointments on a day, how many are booked, and the
	// hours they span.
	DayOutline(ctx context.Context, actor Actor, day time.Time) (DayOutline, error)
	// NameBook fills the patients' names and codes of the given book entries.
	NameBook(ctx context.Context, actor Actor, list []BookEntry) error
	// Book books a visit.
	Book(ctx context.Context, actor Actor, in BookingInput) (id int64, err error)
	// BookSeries books a series of visits in one transaction.
	BookSeries(ctx context.Context, actor Actor, first BookingInput, every time.Duration, count int) (booked []int64, collisions []SeriesCollision, err error)
	// Reschedule moves an appointment.
	Reschedule(ctx context.Context, actor Actor, id int64, newStart time.Time) error
	// Confirm marks an appointment confirmed.
	Confirm(ctx context.Context, actor Actor, id int64) error
	// CheckIn records the patient's arrival.
	CheckIn(ctx context.Context, actor Actor, id int64) error
	// MarkNoShow records a missed appointment.
	MarkNoShow(ctx context.Context, actor Actor, id int64) error
	// Cancel cancels an appointment.
	Cancel(ctx context.Context, actor Actor, id int64, reason string) error
	// StartConsultation starts a consultation.
	StartConsultation(ctx context.Context, actor Actor, id int64) error
	// Complete ends a consultation.
	Complete(ctx context.Context, actor Actor, id int64) error
	// RecordPayment settles an appointment's fee.
	RecordPayment(ctx context.Context, actor Actor, id int64, p PaymentInput) error
	// Receipt is a print-ready plain-text receipt for an appointment.
	Receipt(ctx context.Context, actor Actor, id int64) (string, error)
	// Appointment returns one appointment.
	Appointment(ctx context.Context, actor Actor, id int64) (Appointment, error)
	// DayView lists every appointment of one clinic day, for the book.
	DayView(ctx context.Context, actor Actor, day time.Time) ([]BookEntry, error)
	// DoctorWeek lists one doctor's appointments in a week, for the book.
	DoctorWeek(ctx context.Context, actor Actor, doctorID int64, weekStart time.Time) ([]BookEntry, error)
	// DoctorDay lists one doctor's appointments on a clinic day.
	DoctorDay(ctx context.Context, actor Actor, doctorID int64, day time.Time) ([]Appointment, error)
	// PatientAppointments lists a patient's upcoming or past appointments.
	PatientAppointments(ctx context.Context, actor Actor, patientID int64, upcoming bool, limit int) ([]Appointment, error)
	// WaitingRoom lists the patients checked in and not yet seen.
	WaitingRoom(ctx context.Context, actor Actor) ([]Appointment, error)
	// PaymentsDue lists a patient's appointments with a fee not yet settled.
	PaymentsDue(ctx context.Context, actor Actor, patientID int64) ([]Appointment, error)
}

// Portal is what a patient sees and does with their own account, and the giving of
// that account.
type Portal interface {
	// GivePatientAccount gives a registered patient an account to see their records.
	GivePatientAccount(ctx context.Context, actor Actor, patientID int64, email, oneTimePassword string) (User, error)
	// MyPatient returns the logged-in patient's record.
	MyPatient(ctx context.Context, actor Actor) (Patient, error)
	// MyAppointments returns the logged-in patient's upcoming or past appointments.
	MyAppointments(ctx context.Context, actor Actor, upcoming bool, limit int) ([]Appointment, error)
	// MyPrescriptions returns the logged-in patient's prescriptions sent to the pharmacy.
	MyPrescriptions(ctx context.Context, actor Actor, limit int) ([]Prescription, error)
	// RequestCancellation asks the front desk to cancel one of the patient's visits.
	RequestCancellation(ctx context.Context, actor Actor, appointmentID int64, reason string) error
	// MyRecordAccesses lists who at the clinic opened the logged-in patient's record.
	MyRecordAccesses(ctx context.Context, actor Actor, limit int) ([]AccessRecord, error)
}

// Prescriptions is what doctors prescribe: drafts, their lines and tests, submission,
// cancellation and amendment, and the doctors' favourite lines.
type Prescriptions interface {
	// Prescription returns one prescription with its lines, tests and amendments.
	Prescription(ctx context.Context, actor Actor, id int64) (Prescription, error)
	// PrescriptionForAppointment returns the prescription written at an appointment.
	PrescriptionForAppointment(ctx context.Context, actor Actor, appointmentID int64) (Prescription, error)
	// PatientPrescriptions returns a patient's prescriptions, newest first.
	PatientPrescriptions(ctx context.Context, actor Actor, patientID int64, limit int) ([]Prescription, error)
	// PrescriptionPage is the printed prescription, for whoever may read it.
	PrescriptionPage(ctx context.Context, actor Actor, id int64) (string, error)
	// CreatePrescription starts a draft prescription for an appointment.
	CreatePrescription(ctx context.Context, actor Actor, appointmentID int64) (int64, error)
	// CreatePrescriptionWithoutConsultation starts one outside a started consultation, with the reason.
	CreatePrescriptionWithoutConsultation(ctx context.Context, actor Actor, appointmentID int64, reason string) (int64, error)
	// SetPrescriptionText sets a draft's diagnosis, notes and sketch.
	SetPrescriptionText(ctx context.Context, actor Actor, id int64, diagnosis, notes, sketch string) error
	// AddMedication adds a medication line to a draft.
	AddMedication(ctx context.Context, actor Actor, prescriptionID int64, in MedicationInput) (int64, error)
	// UpdateMedication rewrites a medication line of a draft.
	UpdateMedication(ctx context.Context, actor Actor, medicationID int64, in MedicationInput) error
	// RemoveMedication removes a medication line from a draft.
	RemoveMedication(ctx context.Context, actor Actor, medicationID int64) error
	// AddTestOrder orders a test on a draft.
	AddTestOrder(ctx context.Context, actor Actor, prescriptionID int64, in TestOrderInput) (int64, error)
	// RemoveTestOrder removes a test from a draft.
	RemoveTestOrder(ctx context.Context, actor Actor, testID int64) error
	// SubmitPrescription sends a draft to the pharmacy.
	SubmitPrescription(ctx context.Context, actor Actor, id int64) error
	// SubmitPrescriptionWith sends a draft with its validity and refills.
	SubmitPrescriptionWith(ctx context.Context, actor Actor, id int64, opts SubmitOptions) error
	// CancelPrescription withdraws a prescription the pharmacy has not started dispensing.
	CancelPrescription(ctx context.Context, actor Actor, id int64, reason string) error
	// AmendPrescription adds a signed amendment to a submitted prescription.
	AmendPrescription(ctx context.Context, actor Actor, id int64, reason, text string) (int64, error)
	// Favourites lists the acting doctor's favourites by name.
	Favourites(ctx context.Context, actor Actor) ([]Favourite, error)
	// SaveFavourite stores a favourite for the acting doctor.
	SaveFavourite(ctx context.Context, actor Actor, name string, items []FavouriteItem) (int64, error)
	// DeleteFavourite removes one of the acting doctor's favourites.
	DeleteFavourite(ctx context.Context, actor Actor, id int64) error
}

// Dispensing is the pharmacy counter: the queue of prescriptions, what is handed out
// and sold, its payment, its labels and receipt.
type Dispensing interface {
	// Queue lists the prescriptions waiting at the pharmacy, oldest first.
	Queue(ctx context.Context, actor Actor, limit int) ([]QueueEntry, error)
	// QueueAfter lists the next page of the queue.
	QueueAfter(ctx context.Context, actor Actor, after QueueEntry, limit int) ([]QueueEntry, error)
	// Fulfilment returns one fulfilment with its items.
	Fulfilment(ctx context.Context, actor Actor, id int64) (Fulfilment, error)
	// PlanDispense says which batches a dispense would take, first expiry first, and
	// what is short, without writing; Dispense writes the same plan.
	PlanDispense(ctx context.Context, actor Actor, in DispenseInput) ([]LinePlan, error)
	// Dispense hands over lines in one transaction.
	Dispense(ctx context.Context, actor Actor, in DispenseInput) (int64, error)
	// DispenseWarnings returns the warnings of each line of a dispense, as Dispense checks them.
	DispenseWarnings(ctx context.Context, actor Actor, in DispenseInput) ([][]CounterWarning, error)
	// ReviewFreeText maps a free-text line to a catalogue item, or confirms it with a reason.
	ReviewFreeText(ctx context.Context, actor Actor, in FreeTextReviewInput) error
	// RecordFulfilmentPayment takes a payment towards a fulfilment's bill.
	RecordFulfilmentPayment(ctx context.Context, actor Actor, fulfilmentID int64, p SalePayment) error
	// CancelFulfilment undoes a fulfilment.
	CancelFulfilment(ctx context.Context, actor Actor, id int64, reason string) error
	// Labels returns one plain-text dispensing label per fulfilment item.
	Labels(ctx context.Context, actor Actor, fulfilmentID int64) ([]string, error)
	// SaleReceipt is a plain-text receipt for a fulfilment.
	SaleReceipt(ctx context.Context, actor Actor, fulfilmentID int64) (string, error)
}

// Inventory is the pharmacy's catalogue, its batches and their stock movements.
type Inventory interface {
	// AddInventoryItem adds an item to the catalogue.
	AddInventoryItem(ctx context.Context, actor Actor, in ItemInput) (int64, error)
	// UpdateInventoryItem changes an item's catalogue fields.
	UpdateInventoryItem(ctx context.Context, actor Actor, id int64, in ItemInput) error
	// InventoryItem returns one item of the catalogue.
	InventoryItem(ctx context.Context, actor Actor, id int64) (InventoryItem, error)
	// SearchInventory finds active items by the start of their names' words.
	SearchInventory(ctx context.Context, actor Actor, query string, limit int) ([]InventoryItem, error)
	// SearchOverTheCounter finds the items a walk-in sale may sell.
	SearchOverTheCounter(ctx context.Context, actor Actor, query string, limit int) ([]InventoryItem, error)
	// LowStock lists active items below their minimum stock.
	LowStock(ctx context.Context, actor Actor, limit int) ([]InventoryItem, error)
	// ExpiringWithin lists batches with stock left that expire within days.
	ExpiringWithin(ctx context.Context, actor Actor, days, limit int) ([]Batch, error)
	// AnnounceExpiringBatches tells the pharmacists, once per batch, of expiring batches.
	AnnounceExpiringBatches(ctx context.Context) (int, error)
	// Batches lists an item's batches with stock left, first expiry first.
	Batches(ctx context.Context, actor Actor, itemID int64) ([]Batch, error)
	// BatchItem is the item a batch belongs to.
	BatchItem(ctx context.Context, actor Actor, batchID int64) (int64, error)
	// Ledger returns one page of an item's stock movements, newest first by time.
	Ledger(ctx context.Context, actor Actor, itemID int64, before LedgerPlace, limit int) ([]StockMovement, error)
	// StockHistory returns an item's stock at the end of each of the last days.
	StockHistory(ctx context.Context, actor Actor, itemID int64, days int) ([]DailyStock, error)
	// ReceiveStock records a delivery of one batch.
	ReceiveStock(ctx context.Context, actor Actor, itemID int64, in ReceiveInput) (int64, error)
	// AdjustStock corrects a batch's quantity, for a reason.
	AdjustStock(ctx context.Context, actor Actor, batchID int64, delta int, reason string) error
	// WriteOffExpired takes everything left in an expired batch out of stock.
	WriteOffExpired(ctx context.Context, actor Actor, batchID int64) error
	// ReturnToSupplier sends units of a batch back to its supplier.
	ReturnToSupplier(ctx context.Context, actor Actor, batchID int64, qty int, reason string) error
}

// Notifications is the in-app notices of a user.
type Notifications interface {
	// Notifications returns the actor's notifications, newest first.
	Notifications(ctx context.Context, actor Actor, unreadOnly bool, limit int) ([]Notification, error)
	// UnreadCount is how many of the actor's notifications are unread.
	UnreadCount(ctx context.Context, actor Actor) (int, error)
	// MarkRead marks one of the actor's notifications read.
	MarkRead(ctx context.Context, actor Actor, id int64) error
	// MarkAllRead marks every unread notification of the actor read.
	MarkAllRead(ctx context.Context, actor Actor) (int, error)
	// WaitingCount is how many prescriptions wait at the pharmacy, for a dispensing
	// role's badge; 0 for other roles.
	WaitingCount(ctx context.Context, actor Actor) (int, error)
}

// Messages is the e-mail and SMS outbox: reminders queued, messages delivered with
// retries, and the admin's view of it.
type Messages interface {
	// QueueReminders queues a reminder for every appointment due within the reminder
	// hours that has none.
	QueueReminders(ctx context.Context) (int, error)
	// DeliverOutbox tries the due pending messages with send and records each outcome.
	DeliverOutbox(ctx context.Context, limit int, send func(context.Context, OutboxMessage) error) (DeliveryReport, error)
	// Outbox lists the messages in one state, newest first.
	Outbox(ctx context.Context, actor Actor, state Delivery, limit int) ([]OutboxMessage, error)
	// OutboxCounts counts the messages in each state.
	OutboxCounts(ctx context.Context, actor Actor) (map[Delivery]int, error)
	// RetryMessage queues a failed, skipped or cancelled message again.
	RetryMessage(ctx context.Context, actor Actor, id int64) error
	// CancelMessage stops a pending message.
	CancelMessage(ctx context.Context, actor Actor, id int64) error
}

// AuditTrail is reading and verifying the audit log.
type AuditTrail interface {
	// AuditPage returns a page of audit rows matching a filter, newest first.
	AuditPage(ctx context.Context, actor Actor, f AuditFilter, beforeID int64, limit int) ([]AuditEntry, error)
	// AuditPatientID finds the patient an admin typed into the audit filter.
	AuditPatientID(ctx context.Context, actor Actor, codeOrID string) (int64, error)
	// OpenAuditValues shows an admin the hidden values of a patient's audit row, for a
	// stated reason that is access-logged and notified.
	OpenAuditValues(ctx context.Context, actor Actor, id int64, reason string) (AuditEntry, error)
	// AccessLogPage returns a page of the access log matching a filter, newest first.
	AccessLogPage(ctx context.Context, actor Actor, f AccessFilter, beforeID int64, limit int) ([]AccessRecord, error)
	// AccessPatientID finds the patient an admin typed into the access log's filter.
	AccessPatientID(ctx context.Context, actor Actor, code string) (int64, error)
	// VerifyAudit checks both chains, the key, the witness and the schema, listing
	// every problem.
	VerifyAudit(ctx context.Context) (ChainReport, error)
	// WriteRefusal says why the store will not write (schema drift, a missing key or
	// witness), or nil.
	WriteRefusal(ctx context.Context) error
}

// ClinicSettings is the clinic's settings.
type ClinicSettings interface {
	// Settings reads the clinic's settings, with defaults for those never set.
	Settings(ctx context.Context) (Settings, error)
	// PutSetting changes one setting.
	PutSetting(ctx context.Context, actor Actor, key, value string) error
	// PutSMTPPassword stores (or, empty, removes) the SMTP password, audited as changed.
	PutSMTPPassword(ctx context.Context, actor Actor, password string) error
	// SMTPPassword reads the SMTP password, for the server's sender (a system actor) only.
	SMTPPassword(ctx context.Context, actor Actor) (string, error)
}

// Printing sends printouts where the clinic prints: the print directory beside the
// database, or the admin's print command. Each returns the text and where it went.
type Printing interface {
	// PrintDir is the directory beside the database printouts are saved in.
	PrintDir() string
	// PrintAppointmentReceipt prints an appointment's receipt.
	PrintAppointmentReceipt(ctx context.Context, actor Actor, appointmentID int64) (Printed, error)
	// PrintPrescription prints a prescription's page.
	PrintPrescription(ctx context.Context, actor Actor, prescriptionID int64) (Printed, error)
	// PrintLabels prints a fulfilment's dispensing labels.
	PrintLabels(ctx context.Context, actor Actor, fulfilmentID int64) (Printed, error)
	// PrintSaleReceipt prints a fulfilment's receipt.
	PrintSaleReceipt(ctx context.Context, actor Actor, fulfilmentID int64) (Printed, error)
	// PrintCloseOfDay prints a closed till's close-of-day report.
	PrintCloseOfDay(ctx context.Context, actor Actor, desk Desk, day time.Time) (Printed, error)
}

// Tills is the money of the two desks: the payments ledger of a bill, refunds, and each
// day's till, counted and closed.
type Tills interface {
	// Till reads one desk's till for one day.
	Till(ctx context.Context, actor Actor, desk Desk, day time.Time) (Till, error)
	// CloseTill closes a desk's till for a day with what was counted, and numbers it.
	CloseTill(ctx context.Context, actor Actor, desk Desk, day time.Time, count TillCount) (int64, error)
	// TillCloses lists a desk's closed tills, newest first.
	TillCloses(ctx context.Context, actor Actor, desk Desk, limit int) ([]Till, error)
	// CloseOfDayReport is a closed till's printable report.
	CloseOfDayReport(ctx context.Context, actor Actor, desk Desk, day time.Time) (string, error)
	// BillLedger lists the payments, refunds and waivers of one bill.
	BillLedger(ctx context.Context, actor Actor, desk Desk, billID int64) ([]BillMoney, error)
	// RefundAppointment gives back money paid for an appointment's fee.
	RefundAppointment(ctx context.Context, actor Actor, id int64, in RefundInput) error
	// RefundFulfilment gives back money paid for a pharmacy bill.
	RefundFulfilment(ctx context.Context, actor Actor, id int64, in RefundInput) error
}

// ClinicReports runs the clinic's reports (see Reports for the list).
type ClinicReports interface {
	// Report runs one report over the clinic's dates from..to.
	Report(ctx context.Context, actor Actor, name string, from, to time.Time) (report.Report, error)
}

// Backups is the record of the clinic's backups and the continuous replica's place in
// the file.
type Backups interface {
	// BackupStatus is the record of this database's backups, for admins.
	BackupStatus(ctx context.Context, actor Actor) (BackupStatus, error)
	// NotifyBackupFailed tells the admins that a scheduled backup failed.
	NotifyBackupFailed(ctx context.Context, run BackupRun) error
	// PrepareReplica makes Litestream's tables in a sealed write before a replica starts.
	PrepareReplica(ctx context.Context) error
}

// Erasures is the erasure of patients' identifying details, on request or past the
// retention period (erasure.go, retention.go).
type Erasures interface {
	// ErasureSearch finds patients to erase by name, phone, e-mail or code.
	ErasureSearch(ctx context.Context, actor Actor, query string, limit int) ([]ErasureCandidate, error)
	// PatientIDByCode finds the id of the patient with the code.
	PatientIDByCode(ctx context.Context, actor Actor, code string) (int64, error)
	// ErasurePlan says what an erasure would keep and take out, and what stops it now.
	ErasurePlan(ctx context.Context, actor Actor, patientID int64) (ErasurePlan, error)
	// ErasePatient erases a patient's identifying details for a reason.
	ErasePatient(ctx context.Context, actor Actor, patientID int64, reason string) (Erasure, error)
	// RetentionDue lists the patients past the retention period.
	RetentionDue(ctx context.Context, actor Actor) (RetentionReport, error)
	// ApplyRetention erases the reviewed patients past the retention period.
	ApplyRetention(ctx context.Context, actor Actor, ids []int64, reason string) ([]Erasure, error)
}

var (
	_ Erasures       = (*Store)(nil)
	_ Backups        = (*Store)(nil)
	_ Database       = (*Store)(nil)
	_ Sessions       = (*Store)(nil)
	_ Accounts       = (*Store)(nil)
	_ Patients       = (*Store)(nil)
	_ Charts         = (*Store)(nil)
	_ Calendars      = (*Store)(nil)
	_ Appointments   = (*Store)(nil)
	_ Portal         = (*Store)(nil)
	_ Prescriptions  = (*Store)(nil)
	_ Dispensing     = (*Store)(nil)
	_ Inventory      = (*Store)(nil)
	_ Notifications  = (*Store)(nil)
	_ Messages       = (*Store)(nil)
	_ AuditTrail     = (*Store)(nil)
	_ ClinicSettings = (*Store)(nil)
	_ Printing       = (*Store)(nil)
	_ Tills          = (*Store)(nil)
	_ ClinicReports  = (*Store)(nil)
)
